// One request's trip over one connection, confined to one event loop: get a connection, write, read, finish once.

/// Carries one request over a new or reused connection, on one event loop, within one deadline.
///
/// `@unchecked Sendable`: it is created on the caller's thread, handed to `loop` through `execute`, and from then on
/// touched only on that loop's thread (socket events, the deadline timer, tasks sent to the loop).
final class ClientConnection: Selectable, @unchecked Sendable {
    /// Largest single read.
    static let readChunkBytes = 16 * 1024
    /// Reads per readiness event before other descriptors get their turn; level-triggered readiness comes back.
    static let maxReadsPerEvent = 16

    let loop: EventLoop
    let client: HTTPClient
    let request: PreparedRequest
    /// Monotonic nanoseconds by which the response must be complete.
    let deadline: UInt64
    private let completion: @Sendable (Result<HTTPResponse, HTTPClientError>) -> Void

    var phase = RequestPhase.waiting
    var transport: Transport?
    private var registration: Int?
    private var interest: PollerInterest = []
    /// Bytes of `request.bytes` sent so far.
    var sentCount = 0
    var reader: ResponseReader
    var readChunk: [UInt8]
    private var deadlineTimer: ScheduledTimer?

    init(client: HTTPClient, loop: EventLoop, request: PreparedRequest, deadline: UInt64,
         completion: @escaping @Sendable (Result<HTTPResponse, HTTPClientError>) -> Void) {
        self.client = client
        self.loop = loop
        self.request = request
        self.deadline = deadline
        self.completion = completion
        reader = ResponseReader(requestMethod: request.method, maxBodyBytes: client.configuration.maxResponseBytes,
                                maxHeadBytes: client.configuration.maxResponseHeadBytes)
        readChunk = [UInt8](repeating: 0, count: Self.readChunkBytes)
    }

    /// Arms the deadline, then writes on an idle pooled connection or resolves and connects a new one.
    func start() {
        guard phase == .waiting else { return }
        // Past its deadline already (a zero timeout, a busy loop): fail without sending anything that could take effect.
        guard MonotonicClock.now() < deadline else { return finish(.failure(.connectTimedOut)) }
        deadlineTimer = loop.schedule(at: deadline) { [self] in
            if let error = phase.deadlineError { finish(.failure(error)) }
        }
        if let pooled = client.takeIdleConnection(for: request.target.poolKey) {
            register(pooled, interest: [.read])
            startWriting()
        } else {
            resolve()
        }
    }

    func handle(_ event: PollerEvent) {
        switch phase {
        case .connecting:
            connectAttemptEnded()
        case .handshaking:
            continueHandshake()
        case .writing:
            // An early response (or a reset) can arrive before the request is all sent.
            if event.readable || event.hangup { readAvailable() }
            let writeWantsRead = transport?.tls?.want == .read && event.readable
            if phase == .writing && (event.writable || event.hangup || writeWantsRead) { writePending() }
        case .reading:
            readAvailable()
        case .waiting, .resolving, .finished:
            break
        }
    }

    /// Watches `transport`'s socket on the loop with `interest`.
    func register(_ transport: Transport, interest: PollerInterest) {
        self.transport = transport
        self.interest = interest
        registration = loop.register(transport.socket.fd, interest: interest, handler: self)
    }

    /// Changes what the registered socket waits for, when it differs.
    func setInterest(_ wanted: PollerInterest) {
        guard let transport, let registration, wanted != interest else { return }
        interest = wanted
        loop.reregister(transport.socket.fd, token: registration, interest: wanted)
    }

    /// Ends the request once: stops the timer, pools or closes the socket, then calls the completion.
    /// Does nothing when the request already finished.
    func finish(_ result: Result<HTTPResponse, HTTPClientError>, reusable: Bool = false) {
        guard phase != .finished else { return }
        phase = .finished
        deadlineTimer?.cancel()
        deadlineTimer = nil
        var idle: Transport?
        if let transport {
            if let registration { loop.deregister(transport.socket.fd, token: registration) }
            if reusable { idle = transport } else { transport.close() }
        }
        transport = nil
        registration = nil
        client.release(self, idle: idle, for: request.target.poolKey)
        completion(result)
    }
}
