// The HTTP/1.1 server: binds, runs its event loops, hands requests to one handler, shuts down gracefully.
import Dispatch
import Synchronization

/// An HTTP/1.1 server on non-blocking sockets and a fixed set of event loops (no thread per connection).
///
/// The handler gets each request, stamped on arrival, and answers through an `HTTPResponseWriter`
/// now or later, from any thread; waiting holds no thread.
public final class HTTPServer: Sendable {
    /// Receives a request on its connection's loop thread; answer through the writer (once).
    public typealias Handler = @Sendable (HTTPRequest, HTTPResponseWriter) -> Void

    private enum State {
        case created
        case running(Running)
        case stopped
    }

    private struct Running {
        let group: EventLoopGroup
        let socket: Socket
        let address: SocketAddress
        let contexts: [LoopContext]
        let listeners: [Listener]
    }

    public let configuration: Configuration
    private let handler: Handler
    private let state = Mutex<State>(.created)
    private let stopping = Mutex<Void>(())
    private let shared = ServerShared()

    /// A server that answers with `handler`; nothing is bound until `start()`.
    public init(configuration: Configuration = .init(), handler: @escaping Handler) {
        self.configuration = configuration
        self.handler = handler
    }

    /// A server whose handler is an async function; each request runs in a task. Simpler, a little slower
    /// than the writer form (see README: the task hop costs throughput).
    public convenience init(configuration: Configuration = .init(), asyncHandler: @escaping @Sendable (HTTPRequest) async -> HTTPResponse) {
        self.init(configuration: configuration) { request, writer in
            Task { writer.respond(await asyncHandler(request)) }
        }
    }

    /// Binds, listens and starts the loops. Returns once connections are being accepted.
    /// - Throws: `SocketError` when the address cannot be resolved or bound (e.g. the port is taken),
    ///   or `HTTPServerError.alreadyStarted`.
    public func start() throws {
        try state.withLock { state throws in
            guard case .created = state else { throw HTTPServerError.alreadyStarted }
            SocketPlatform.ignoreBrokenPipe()
            let (socket, address) = try Socket.listen(host: configuration.host, port: configuration.port, backlog: configuration.backlog)
            let group: EventLoopGroup
            do {
                group = try EventLoopGroup(loopCount: configuration.loopCount, name: "http-server")
            } catch {
                socket.close()
                throw error
            }
            let contexts = group.loops.map { LoopContext(loop: $0, configuration: configuration, handler: handler, shared: shared) }
            let listeners = contexts.map { Listener(socket: socket, context: $0, contexts: contexts) }
            Self.onEveryLoop(contexts) { index in listeners[index].start() }
            state = .running(Running(group: group, socket: socket, address: address, contexts: contexts, listeners: listeners))
        }
    }

    /// The bound port (the real one when `configuration.port` was 0); nil before `start()` or after `stop()`.
    public var port: UInt16? {
        state.withLock { state in
            guard case let .running(running) = state else { return nil }
            return running.address.port
        }
    }

    /// `http://host:port`, or `https://` with TLS, of the running server (IPv6 hosts in brackets); nil when not running.
    public var baseURL: String? {
        state.withLock { state in
            guard case let .running(running) = state else { return nil }
            return (configuration.tls == nil ? "http://" : "https://") + running.address.description
        }
    }

    /// Connections open right now, across all loops.
    public var openConnectionCount: Int { shared.openConnections.load(ordering: .relaxed) }

    /// TLS handshakes that failed, broke off or outlasted the header timeout, and plain-HTTP requests refused on a
    /// TLS port, since `start()`.
    public var tlsHandshakeFailureCount: Int { shared.tlsHandshakeFailures.load(ordering: .relaxed) }

    /// Stops accepting, lets requests under way finish for up to `gracePeriod`, then closes every connection
    /// and ends the loops. Idempotent; safe from any thread except the server's own loop threads (a handler).
    public func stop(gracePeriod: Duration = .seconds(5)) {
        stopping.withLock { _ in
            let current = state.withLock { state -> Running? in
                guard case let .running(running) = state else {
                    state = .stopped
                    return nil
                }
                return running
            }
            guard let running = current else { return }
            precondition(!running.group.loops.contains { $0.inEventLoop }, "HTTPServer.stop() cannot run on the server's own loop")
            Self.onEveryLoop(running.contexts) { index in running.listeners[index].stop() }
            running.socket.close()
            let drained = DispatchGroup()
            for context in running.contexts {
                drained.enter()
                context.loop.execute { context.drain { drained.leave() } }
            }
            let deadline = DispatchTime.now() + .nanoseconds(Int(min(gracePeriod.nanoseconds, UInt64(Int.max))))
            if drained.wait(timeout: deadline) == .timedOut {
                Self.onEveryLoop(running.contexts) { index in running.contexts[index].closeAll() }
                drained.wait()
            }
            running.group.shutdown()
            state.withLock { $0 = .stopped }
        }
    }

    /// Runs `body(index)` on each context's loop and waits until all have run.
    private static func onEveryLoop(_ contexts: [LoopContext], _ body: @escaping @Sendable (Int) -> Void) {
        let done = DispatchGroup()
        for (index, context) in contexts.enumerated() {
            done.enter()
            context.loop.execute {
                body(index)
                done.leave()
            }
        }
        done.wait()
    }

    deinit {
        if case .running = state.withLock({ $0 }) { stop(gracePeriod: .zero) }
    }
}

/// Misuse of the server's life cycle.
public enum HTTPServerError: Error, Equatable, CustomStringConvertible {
    case alreadyStarted

    public var description: String {
        switch self {
        case .alreadyStarted: return "the server was already started; create a new HTTPServer to start again"
        }
    }
}
