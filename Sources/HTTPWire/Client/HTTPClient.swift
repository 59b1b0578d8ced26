// The HTTP/1.1 client: requests over pooled keep-alive connections on event loops, each bounded by one deadline.
import Synchronization

/// An HTTP/1.1 client for `http` and `https` URLs. Waiting for a response holds no thread: the work runs on event loops.
/// https verifies the server's certificate (system trust store, plus `Configuration.trustedCAFile`) and its name.
///
/// Every request has one deadline, covering connect, write and read, enforced by an event loop timer. A request
/// fails once, with an `HTTPClientError` that says which phase went wrong; nothing is ever retried implicitly,
/// because a request that reached the server must not be sent twice. Connections are kept alive and reused per
/// host and port as `Configuration` describes. Call `shutdown()` when done with the client.
public final class HTTPClient: Sendable {
    /// The settings the client was created with.
    public let configuration: Configuration
    /// The loops requests run on.
    let group: EventLoopGroup
    /// `true` when the client created `group` and so stops it in `shutdown()`.
    let ownsGroup: Bool
    /// Shut-down flag, requests in flight and idle connections, behind one lock.
    let state: Mutex<ClientState>
    /// Trust for https when `configuration.trustedCAFile` is set (the system store plus that file), loaded at `init`
    /// so a bad file is reported there; nil uses the process-wide `TLSClientContext.system`, loaded on first use.
    private let ownTrust: TLSClientContext?

    /// What https connections verify against. Loading a trust store costs tens of milliseconds, so a client that
    /// never makes an https request never loads one.
    var tls: TLSClientContext? { ownTrust ?? TLSClientContext.system }

    /// Creates a client.
    /// - Parameters:
    ///   - configuration: limits and pool settings.
    ///   - group: the event loops to run on; when nil the client starts (and owns) a group of one loop.
    ///     A group passed in must outlive the client: shut the client down first.
    /// - Throws: `invalidConfiguration` for a field out of range or a `trustedCAFile` that cannot be loaded; `system`
    ///   when the loop cannot be started.
    public init(configuration: Configuration = .init(), group: EventLoopGroup? = nil) throws(HTTPClientError) {
        try configuration.validate()
        do throws(TLSSetupError) {
            ownTrust = try configuration.trustedCAFile.map { file throws(TLSSetupError) in try TLSClientContext(trustedCAFile: file) }
        } catch {
            throw .invalidConfiguration("configuration.trustedCAFile: \(error)")
        }
        if let group {
            self.group = group
            ownsGroup = false
        } else {
            do throws(SocketError) {
                self.group = try EventLoopGroup(loopCount: 1, name: "http-client")
            } catch {
                throw HTTPClientError(error)
            }
            ownsGroup = true
        }
        self.configuration = configuration
        let pool = ConnectionPool<Transport>(idleTimeoutNanos: configuration.poolIdleTimeout.nanoseconds,
                                          maxIdlePerKey: configuration.maxIdlePerHost)
        state = Mutex(ClientState(pool: pool))
    }

    /// Sends `request` and waits for the complete response without holding a thread.
    /// - Parameters:
    ///   - request: what to send and where.
    ///   - timeout: the deadline for the whole exchange (connect, write and read), counted from this call.
    /// - Returns: the response, whatever its status.
    /// - Throws: an `HTTPClientError` saying what failed; see its cases.
    public func execute(_ request: HTTPClientRequest, timeout: Duration) async throws(HTTPClientError) -> HTTPResponse {
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<HTTPResponse, HTTPClientError>, Never>) in
            execute(request, timeout: timeout) { continuation.resume(returning: $0) }
        }
        return try result.get()
    }

    /// Sends `request` and calls `completion` exactly once with the response or the failure.
    ///
    /// `completion` runs on an event loop thread and must not block. The one exception: a request made after
    /// `shutdown()` fails with `.shutDown` at once, on the calling thread (the loops may no longer be running).
    /// - Parameters:
    ///   - request: what to send and where.
    ///   - timeout: the deadline for the whole exchange (connect, write and read), counted from this call.
    ///   - completion: receives the response, whatever its status, or an `HTTPClientError`.
    public func execute(_ request: HTTPClientRequest, timeout: Duration,
                        completion: @escaping @Sendable (Result<HTTPResponse, HTTPClientError>) -> Void) {
        let deadline = MonotonicClock.deadline(timeout, after: MonotonicClock.now())
        let loop = group.next()
        let prepared: PreparedRequest
        do throws(HTTPClientError) {
            prepared = try request.prepared()
        } catch {
            if !runOnLoop(loop, { completion(.failure(error)) }) { completion(.failure(.shutDown)) }
            return
        }
        let connection = ClientConnection(client: self, loop: loop, request: prepared, deadline: deadline,
                                          completion: completion)
        let admitted = state.withLock { state in
            guard !state.isShutDown else { return false }
            state.inFlight[ObjectIdentifier(connection)] = connection
            loop.execute { connection.start() }
            return true
        }
        if !admitted { completion(.failure(.shutDown)) }
    }

    /// Hands `task` to `loop` unless the client is shut down (its loops may have stopped). Safe from any thread.
    /// The check and the hand-over happen under the lock `shutdown()` takes, so no task reaches a stopped loop.
    /// - Returns: `false` when the client is shut down and `task` was dropped.
    func runOnLoop(_ loop: EventLoop, _ task: @escaping @Sendable () -> Void) -> Bool {
        state.withLock { state in
            guard !state.isShutDown else { return false }
            loop.execute(task)
            return true
        }
    }
}
