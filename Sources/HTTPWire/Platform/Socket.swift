// A non-blocking stream socket: the handful of calls the engine makes, with their outcomes as values.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The outcome of one `recv` or `send` on a non-blocking socket.
enum SocketIO: Equatable {
    /// That many bytes moved (always more than zero).
    case bytes(Int)
    /// Nothing to do now; wait for readiness.
    case wouldBlock
    /// The peer closed its side (recv returned 0).
    case closed
    /// The peer reset the connection (ECONNRESET, EPIPE).
    case reset
    /// Any other error, by errno.
    case failed(Int32)
}

/// The outcome of one `accept` on a non-blocking listening socket.
enum SocketAccept {
    case accepted(Socket, peer: String)
    /// No pending connection.
    case wouldBlock
    /// EINTR, ECONNABORTED, EPROTO and the like: try again at once.
    case transient
    /// EMFILE, ENFILE, ENOBUFS, ENOMEM: out of resources; back off before accepting again.
    case exhausted(Int32)
    case failed(Int32)
}

/// A socket address resolved from a host and port, ready for `bind` or `connect`.
struct SocketAddress {
    var storage = sockaddr_storage()
    var length: socklen_t = 0
    var family: Int32 { Int32(storage.ss_family) }

    /// Resolves `host` (an IPv4 or IPv6 literal, or a name such as `localhost`) and `port`.
    /// - Throws: `SocketError.resolve` when the host has no address.
    static func resolve(host: String, port: UInt16, passive: Bool) throws(SocketError) -> SocketAddress {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = SocketPlatform.streamType
        hints.ai_flags = AI_NUMERICSERV | (passive ? AI_PASSIVE : 0)
        var list: UnsafeMutablePointer<addrinfo>?
        let bareHost = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        let status = getaddrinfo(bareHost, String(port), &hints, &list)
        guard status == 0, let first = list else {
            throw .resolve(host: host, reason: String(cString: gai_strerror(status)))
        }
        defer { freeaddrinfo(list) }
        // A name with both families (localhost) takes its IPv4 address: predictable, and what most clients try first.
        var chosen = first
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let entry = cursor {
            if entry.pointee.ai_family == AF_INET { chosen = entry; break }
            cursor = entry.pointee.ai_next
        }
        var address = SocketAddress()
        withUnsafeMutableBytes(of: &address.storage) { target in
            target.copyMemory(from: UnsafeRawBufferPointer(start: chosen.pointee.ai_addr, count: Int(chosen.pointee.ai_addrlen)))
        }
        address.length = chosen.pointee.ai_addrlen
        return address
    }

    /// The numeric host and port, e.g. `127.0.0.1:5000` or `[::1]:5000`.
    var description: String {
        var host = [CChar](repeating: 0, count: Int(NI_MAXHOST))
        var service = [CChar](repeating: 0, count: Int(NI_MAXSERV))
        let status = withUnsafePointer(to: storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                getnameinfo($0, length, &host, socklen_t(host.count), &service, socklen_t(service.count), NI_NUMERICHOST | NI_NUMERICSERV)
            }
        }
        guard status == 0 else { return "unknown" }
        let hostText = String(decoding: host.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let serviceText = String(decoding: service.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return family == AF_INET6 ? "[\(hostText)]:\(serviceText)" : "\(hostText):\(serviceText)"
    }

    /// The port number in host byte order.
    var port: UInt16 {
        withUnsafePointer(to: storage) { pointer in
            if family == AF_INET6 {
                return pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin6_port) }
            }
            return pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin_port) }
        }
    }
}

/// Errors from setting up sockets (binding, listening, resolving); per-call I/O outcomes are `SocketIO` values instead.
public enum SocketError: Error, Equatable, CustomStringConvertible {
    case resolve(host: String, reason: String)
    case system(call: String, errno: Int32)

    public var description: String {
        switch self {
        case let .resolve(host, reason): return "cannot resolve host '\(host)': \(reason)"
        case let .system(call, code): return "\(call) failed: \(String(cString: strerror(code))) (errno \(code))"
        }
    }
}

/// A non-blocking, close-on-exec stream socket. A value type over the descriptor; `close()` ends it.
struct Socket: Hashable {
    let fd: Int32

    /// Opens a listening socket on `host:port` (port 0 picks a free one) with SO_REUSEADDR.
    static func listen(host: String, port: UInt16, backlog: Int32) throws(SocketError) -> (Socket, SocketAddress) {
        let address = try SocketAddress.resolve(host: host, port: port, passive: true)
        let socket = try open(family: address.family)
        var yes: Int32 = 1
        setsockopt(socket.fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        if address.family == AF_INET6 {
            setsockopt(socket.fd, Int32(IPPROTO_IPV6), IPV6_V6ONLY, &yes, socklen_t(MemoryLayout<Int32>.size))
        }
        var bindAddress = address
        let bound = withUnsafePointer(to: &bindAddress.storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { SocketPlatform.bind(socket.fd, $0, address.length) }
        }
        guard bound == 0 else { let code = errno; socket.close(); throw .system(call: "bind \(host):\(port)", errno: code) }
        guard SocketPlatform.listen(socket.fd, backlog) == 0 else {
            let code = errno; socket.close(); throw .system(call: "listen", errno: code)
        }
        return (socket, try socket.localAddress())
    }

    /// A new non-blocking stream socket of `family`.
    static func open(family: Int32) throws(SocketError) -> Socket {
        let fd = SocketPlatform.socket(family)
        guard fd >= 0 else { throw .system(call: "socket", errno: errno) }
        SocketPlatform.configureNew(fd)
        return Socket(fd: fd)
    }

    /// The address this socket is bound to.
    func localAddress() throws(SocketError) -> SocketAddress {
        var address = SocketAddress()
        address.length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let status = withUnsafeMutablePointer(to: &address.storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &address.length) }
        }
        guard status == 0 else { throw .system(call: "getsockname", errno: errno) }
        return address
    }

    /// Accepts one pending connection, already non-blocking, close-on-exec and with TCP_NODELAY.
    func accept() -> SocketAccept {
        var address = SocketAddress()
        address.length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let client = withUnsafeMutablePointer(to: &address.storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { SocketPlatform.accept(fd, $0, &address.length) }
        }
        if client >= 0 {
            let socket = Socket(fd: client)
            socket.setNoDelay()
            return .accepted(socket, peer: address.description)
        }
        let code = errno
        switch code {
        case EAGAIN, EWOULDBLOCK: return .wouldBlock
        case EINTR, ECONNABORTED, EPROTO, EPERM: return .transient
        case EMFILE, ENFILE, ENOBUFS, ENOMEM: return .exhausted(code)
        default: return .failed(code)
        }
    }

    /// Starts a non-blocking connect; `true` when it completed at once, `false` while in progress.
    func connect(to address: SocketAddress) -> Result<Bool, SocketError> {
        var target = address
        let status = withUnsafePointer(to: &target.storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { SocketPlatform.connect(fd, $0, address.length) }
        }
        if status == 0 { return .success(true) }
        let code = errno
        if code == EINPROGRESS || code == EINTR { return .success(false) }
        return .failure(.system(call: "connect", errno: code))
    }

    /// The pending error of a non-blocking connect (0 when it succeeded).
    func pendingError() -> Int32 {
        var code: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        getsockopt(fd, SOL_SOCKET, SO_ERROR, &code, &length)
        return code
    }

    func receive(into buffer: UnsafeMutableRawBufferPointer) -> SocketIO {
        let count = recv(fd, buffer.baseAddress, buffer.count, 0)
        return Self.outcome(count, zeroMeansClosed: true)
    }

    /// Sends with MSG_NOSIGNAL (or SO_NOSIGPIPE on Darwin) so a closed peer never raises SIGPIPE.
    func send(_ buffer: UnsafeRawBufferPointer) -> SocketIO {
        let count = SocketPlatform.send(fd, buffer.baseAddress, buffer.count)
        return Self.outcome(count, zeroMeansClosed: false)
    }

    /// `true` when the peer has closed or reset the connection (checked without consuming data).
    func peerHasClosed() -> Bool {
        var byte: UInt8 = 0
        let count = recv(fd, &byte, 1, Int32(MSG_PEEK) | Int32(MSG_DONTWAIT))
        if count == 0 { return true }
        if count < 0 { return !(errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) }
        return false
    }

    /// The first unread byte, left unread; nil when none has arrived (or the peer closed).
    func peekFirstByte() -> UInt8? {
        var byte: UInt8 = 0
        return recv(fd, &byte, 1, Int32(MSG_PEEK) | Int32(MSG_DONTWAIT)) == 1 ? byte : nil
    }

    func setNoDelay() {
        var yes: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &yes, socklen_t(MemoryLayout<Int32>.size))
    }

    /// Makes the next `close()` send RST instead of FIN (SO_LINGER with a zero timeout).
    func setResetOnClose() {
        var option = linger(l_onoff: 1, l_linger: 0)
        setsockopt(fd, SOL_SOCKET, SO_LINGER, &option, socklen_t(MemoryLayout<linger>.size))
    }

    func shutdownWrite() { _ = shutdown(fd, Int32(SHUT_WR)) }

    func close() { _ = SocketPlatform.close(fd) }

    private static func outcome(_ count: Int, zeroMeansClosed: Bool) -> SocketIO {
        if count > 0 { return .bytes(count) }
        if count == 0 { return zeroMeansClosed ? .closed : .wouldBlock }
        let code = errno
        switch code {
        case EAGAIN, EWOULDBLOCK, EINTR: return .wouldBlock
        case ECONNRESET, EPIPE: return .reset
        default: return .failed(code)
        }
    }
}
