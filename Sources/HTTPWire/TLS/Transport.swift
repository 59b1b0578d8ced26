// What a connection reads and writes: the socket itself, or a TLS session over it. One branch per call when plain.

/// A connected socket and, on https connections, the TLS session that encrypts it.
struct Transport: Sendable {
    let socket: Socket
    let tls: TLSSession?

    init(_ socket: Socket, tls: TLSSession? = nil) {
        self.socket = socket
        self.tls = tls
    }

    func receive(into buffer: UnsafeMutableRawBufferPointer) -> SocketIO {
        if let tls { return tls.receive(into: buffer) }
        return socket.receive(into: buffer)
    }

    func send(_ buffer: UnsafeRawBufferPointer) -> SocketIO {
        if let tls { return tls.send(buffer) }
        return socket.send(buffer)
    }

    /// Decrypted input waiting inside TLS, which no readiness event will announce; always false when plain.
    var hasBufferedInput: Bool { tls?.hasBufferedInput ?? false }

    /// Ends the write side: close_notify first on TLS, then the TCP FIN.
    func shutdownWrite() {
        tls?.sendCloseNotify()
        socket.shutdownWrite()
    }

    /// Closes the socket; the TLS session (if any) is freed with the last reference.
    func close() { socket.close() }
}
