// Every limit, timeout and default of the server, named and documented.

extension HTTPServer {
    /// How the server binds, how many threads it runs and what it tolerates from clients.
    public struct Configuration: Sendable, Equatable {
        /// Address to bind: an IPv4 or IPv6 literal (`127.0.0.1`, `::1`) or a name. Loopback unless told otherwise.
        public var host = "127.0.0.1"
        /// Port to bind; 0 picks a free one, reported by `HTTPServer.port` after `start()`.
        public var port: UInt16 = 0
        /// Event-loop threads serving connections; each connection stays on one loop.
        public var loopCount = EventLoopGroup.coreCount
        /// Pending connections the kernel queues before `accept`.
        public var backlog: Int32 = 1024
        /// Head, target, header-count and body limits; beyond them the server answers 431, 414 or 413 and closes.
        public var limits = HTTPRequestLimits()
        /// Time allowed from a request's first byte to the end of its head; then 408 and close (slowloris).
        public var headerReadTimeout: Duration = .seconds(10)
        /// Time allowed from the end of a request's head to the end of its body; then 408 and close.
        public var bodyReadTimeout: Duration = .seconds(30)
        /// Time a keep-alive connection may sit with no request in progress; then it is closed silently.
        public var idleTimeout: Duration = .seconds(60)
        /// Time a response may wait on a peer that does not read it; then the connection is closed.
        public var writeTimeout: Duration = .seconds(30)
        /// Time a connection stalled by a fault (`ConnectionFault.Ending.stall`) is held before it is closed.
        public var stallTimeout: Duration = .seconds(60)
        /// Open connections at most; a connection beyond it is accepted, answered 503 and closed.
        public var maxConnections = 10_000
        /// Bytes read from a socket per `recv` call.
        public var readChunkBytes = 16 * 1024
        /// Pause before accepting again when the process is out of descriptors (EMFILE/ENFILE).
        public var acceptBackoff: Duration = .milliseconds(100)
        /// How long a closing connection keeps draining the peer's unread bytes, so its last answer is not lost to a reset.
        public var lingerTimeout: Duration = .seconds(2)
        /// When set, every connection speaks TLS (1.2 or 1.3, ALPN `http/1.1`) with this certificate: the handshake
        /// must finish within `headerReadTimeout`, a failed one is closed and counted (`tlsHandshakeFailureCount`),
        /// and plain HTTP sent to the port is answered 400 in plain text. Nil (the default) serves plain HTTP.
        public var tls: TLSServerContext?

        public init() {}
    }
}
