// What one server shares with its connections on one event loop: the handler, limits, scratch space, the open set.
import Synchronization

/// Per-loop server state, confined to that loop's thread (hence `@unchecked Sendable`).
final class LoopContext: @unchecked Sendable {
    let loop: EventLoop
    let configuration: HTTPServer.Configuration
    let timeouts: ConnectionLifecycle.Timeouts
    let handler: HTTPServer.Handler
    let shared: ServerShared
    /// Connections this loop serves or has been handed and not yet adopted; read by every loop's listener to balance.
    let openHere = Atomic<Int>(0)
    /// Read buffer shared by every connection of the loop (one read at a time on a loop).
    var scratch: [UInt8]
    var dateCache = HTTPDateCache()
    private var connections: [ObjectIdentifier: ServerConnection] = [:]
    private var onDrained: (() -> Void)?
    private var drainReported = false

    init(loop: EventLoop, configuration: HTTPServer.Configuration, handler: @escaping HTTPServer.Handler, shared: ServerShared) {
        self.loop = loop
        self.configuration = configuration
        self.handler = handler
        self.shared = shared
        scratch = [UInt8](repeating: 0, count: max(1024, configuration.readChunkBytes))
        timeouts = ConnectionLifecycle.Timeouts(
            header: configuration.headerReadTimeout.nanoseconds, body: configuration.bodyReadTimeout.nanoseconds,
            idle: configuration.idleTimeout.nanoseconds, write: configuration.writeTimeout.nanoseconds,
            stall: configuration.stallTimeout.nanoseconds, linger: configuration.lingerTimeout.nanoseconds)
    }

    var isDraining: Bool { onDrained != nil }

    func adopt(_ socket: Socket, peer: String) {
        var transport = Transport(socket)
        if let tls = configuration.tls {
            guard let session = TLSSession.server(tls, socket: socket) else {  // OpenSSL out of memory
                openHere.subtract(1, ordering: .relaxed)
                shared.openConnections.subtract(1, ordering: .relaxed)
                shared.tlsHandshakeFailures.add(1, ordering: .relaxed)
                socket.close()
                return
            }
            transport = Transport(socket, tls: session)
        }
        let connection = ServerConnection(transport: transport, peer: peer, context: self)
        connections[ObjectIdentifier(connection)] = connection
        connection.start()
    }

    func connectionClosed(_ connection: ServerConnection) {
        guard connections.removeValue(forKey: ObjectIdentifier(connection)) != nil else { return }
        openHere.subtract(1, ordering: .relaxed)
        shared.openConnections.subtract(1, ordering: .relaxed)
        reportDrainedIfEmpty()
    }

    /// Closes idle connections now and the others after their current answer; calls `done` once all are closed.
    func drain(done: @escaping () -> Void) {
        onDrained = done
        for connection in Array(connections.values) { connection.drain() }
        reportDrainedIfEmpty()
    }

    /// Calls the drain callback once, when draining and nothing is left open.
    private func reportDrainedIfEmpty() {
        guard connections.isEmpty, !drainReported, let onDrained else { return }
        drainReported = true
        onDrained()
    }

    /// Closes every connection at once (the grace period is over).
    func closeAll() {
        for connection in Array(connections.values) { connection.close() }
    }
}

/// Counters every loop of one server shares.
final class ServerShared: Sendable {
    let openConnections = Atomic<Int>(0)
    /// TLS handshakes that failed, stalled past the header timeout, or met plain HTTP.
    let tlsHandshakeFailures = Atomic<Int>(0)
}
