// One accepted connection's I/O: reads, parses, hands requests to the handler in order, writes answers, keeps a timer.
// What to do next is its state machine's call (ConnectionStateMachine); this file only carries the actions out.

/// A server connection, confined to its event loop's thread (hence `@unchecked Sendable`: only writers cross
/// threads, and they hop onto the loop before touching it). Requests are handled one at a time, so pipelined
/// requests are answered in order.
final class ServerConnection: Selectable, @unchecked Sendable {
    enum Reply {
        case response(HTTPResponse)
        case fault(ConnectionFault)
    }

    typealias AfterWrite = ConnectionStateMachine.AfterWrite

    let socket: Socket
    /// The socket, or TLS over it; plain after a plain-HTTP request on a TLS port is refused.
    var transport: Transport
    let peer: String
    let context: LoopContext
    private var token = 0
    private var inbound = ByteBuffer()
    private var parser: HTTPRequestParser
    var machine: ConnectionStateMachine
    private var outbound: [UInt8] = []
    private var outboundOffset = 0
    /// Inside `processInbound`: a handler answering synchronously must not start a nested parse.
    private var processing = false
    private var timer: ScheduledTimer?

    init(transport: Transport, peer: String, context: LoopContext) {
        socket = transport.socket
        self.transport = transport
        self.peer = peer
        self.context = context
        parser = HTTPRequestParser(limits: context.configuration.limits)
        machine = ConnectionStateMachine(timeouts: context.timeouts, readPauseBytes: context.configuration.limits.maxHeadBytes,
                                         tls: transport.tls != nil, now: MonotonicClock.now())
    }

    var isClosed: Bool { machine.isClosed }

    /// Registers with the loop and starts the idle clock, or on TLS the handshake's, which is the header timeout.
    func start() {
        token = context.loop.register(socket.fd, interest: machine.interest, handler: self)
        armDeadline()
    }

    func handle(_ event: PollerEvent) {
        if machine.isHandshaking { continueHandshake(); return }
        let readNeedsWrite = transport.tls?.want == .write && event.writable && outboundOffset == outbound.count
        if event.readable || event.hangup || readNeedsWrite { readAvailable() }
        if !isClosed && event.writable && outboundOffset < outbound.count { flush() }
    }

    // MARK: Reading

    /// Reads once, or on TLS until OpenSSL holds nothing back: bytes it already took from the socket would
    /// never raise another readiness event.
    func readAvailable() {
        repeat {
            let result = context.scratch.withUnsafeMutableBytes { transport.receive(into: $0) }
            switch result {
            case let .bytes(count):
                let now = MonotonicClock.now()
                guard machine.bytesRead(now: now) == .parse else { continue }  // lingering or stalled: dropped
                context.scratch.withUnsafeBytes { inbound.append(UnsafeRawBufferPointer(rebasing: $0[..<count])) }
                processInbound(now: now)
            case .wouldBlock:
                updateInterest()  // TLS may wait for the other direction
                return
            case .closed:
                // Answer what is in hand, then close; with nothing in hand, close now.
                if machine.peerHalfClosed() == .close { close() } else { updateInterest() }
                return
            case .reset, .failed:
                close()
                return
            }
        } while !isClosed && transport.hasBufferedInput
    }

    /// Parses and dispatches buffered requests while the connection may take input. Not re-entrant: a
    /// handler answering synchronously returns here, and this loop picks up the next pipelined request.
    private func processInbound(now: UInt64) {
        guard !processing else { return }
        processing = true
        defer { processing = false }
        while !isClosed && machine.acceptsInput && !inbound.isEmpty {
            let event: HTTPRequestParser.Event?
            do {
                event = try parser.next(&inbound)
            } catch {
                fail(error)
                break
            }
            guard let event else {
                machine.awaitingInput(bodyStarted: !parser.isIdle, now: now)
                break
            }
            switch event {
            case let .head(_, expectsContinue):
                perform(machine.headParsed(expectsContinue: expectsContinue, now: now), now: now)
            case let .request(request):
                dispatch(request, now: now)
            }
        }
        guard !isClosed else { return }
        inbound.compact()
        updateInterest()
        armDeadline()
    }

    private func dispatch(_ request: HTTPRequest, now: UInt64) {
        var request = request
        request.peer = peer
        let sequence = machine.requestParsed(method: request.method, keepAlive: request.keepAlive,
                                             isHTTP10: request.version == .http1_0, now: now)
        context.handler(request, HTTPResponseWriter(connection: self, sequence: sequence, eventLoop: context.loop))
    }

    // MARK: Answering

    /// Called on the loop by the request's writer.
    func complete(sequence: Int, _ reply: Reply) {
        guard machine.takesAnswer(sequence: sequence) else { return }
        switch reply {
        case let .response(response):
            let closing = isLastAnswer
            send(serialize(response, closing: closing), then: closing ? .close : .carryOn)
        case let .fault(fault):
            inject(fault)
        }
    }

    /// Whether the connection ends after this answer (a half-closed peer's buffered pipelined requests are still
    /// answered).
    private var isLastAnswer: Bool {
        machine.closesAfterAnswer(inputPending: !inbound.isEmpty || !parser.isIdle, serverDraining: context.isDraining)
    }

    private func serialize(_ response: HTTPResponse, closing: Bool) -> [UInt8] {
        MessageSerializer.response(response, requestMethod: machine.requestMethod, closing: closing,
                                   keepAlive: machine.announcesKeepAlive(closing: closing), date: context.dateCache.current())
    }

    private func inject(_ fault: ConnectionFault) {
        switch fault {
        case .reset:
            reset()
        case .close:
            let now = MonotonicClock.now()
            perform(machine.closeRequested(now: now), now: now)
        case let .raw(bytes, ending):
            send(bytes, then: AfterWrite(ending))
        case let .partial(response, count, ending):
            let bytes = serialize(response, closing: true)
            send(Array(bytes.prefix(max(0, count))), then: AfterWrite(ending))
        case let .dribble(response, chunkBytes, interval):
            startDribble(response, chunkBytes: chunkBytes, pace: .every(interval.nanoseconds))
        case let .dribbleOver(response, chunkBytes, duration):
            startDribble(response, chunkBytes: chunkBytes, pace: .over(duration.nanoseconds))
        }
    }

    private func startDribble(_ response: HTTPResponse, chunkBytes: Int, pace: ConnectionStateMachine.Pace) {
        let closing = isLastAnswer
        machine.dribbleStarted(serialize(response, closing: closing), chunkBytes: chunkBytes, pace: pace, closing: closing)
        sendNextDribbleChunk()
    }

    private func sendNextDribbleChunk() {
        guard let (chunk, then) = machine.nextDribbleChunk() else { return }
        send(Array(chunk), then: then)
    }

    /// Answers a malformed, over-limit or timed-out request with its status and a body saying why, then closes.
    func fail(_ error: HTTPParseError) {
        machine.answeringError()
        send(serialize(.text(error.status, error.reason + "\n"), closing: true), then: .close)
    }

    // MARK: Writing

    private func send(_ bytes: [UInt8], then next: AfterWrite) {
        if outboundOffset < outbound.count {
            outbound.append(contentsOf: bytes)  // behind an unsent `100 Continue`, never over it
        } else {
            outbound = bytes
            outboundOffset = 0
        }
        machine.answerQueued(next, now: MonotonicClock.now())
        flush()
    }

    private func flush() {
        var progressed = false
        while outboundOffset < outbound.count {
            let result = outbound.withUnsafeBytes { transport.send(UnsafeRawBufferPointer(rebasing: $0[outboundOffset...])) }
            switch result {
            case let .bytes(count):
                outboundOffset += count
                progressed = true
            case .wouldBlock:
                if progressed { machine.writeProgressed(now: MonotonicClock.now()) }
                updateInterest()
                armDeadline()
                return
            case .closed, .reset, .failed:
                close()
                return
            }
        }
        outbound.removeAll(keepingCapacity: true)
        outboundOffset = 0
        let now = MonotonicClock.now()
        perform(machine.writeDrained(inputPending: !inbound.isEmpty, now: now), now: now)
    }

    // MARK: Carrying out

    /// Does what the state machine decided; `now` is the time of the event it decided on (used to parse).
    func perform(_ action: ConnectionStateMachine.Action, now: UInt64) {
        switch action {
        case .nothing, .drop:
            return
        case .parse:
            processInbound(now: now)
            updateInterest()
            armDeadline()
        case .sendContinue:
            send(Array("HTTP/1.1 100 Continue\r\n\r\n".utf8), then: .interim)
        case .refusePlainHTTP:
            refusePlainHTTP()
        case .updateInterest:
            updateInterest()
        case .armTimer:
            armDeadline()
        case .rearm:
            updateInterest()
            armDeadline()
        case let .sendNextChunk(at):
            updateInterest()
            armDeadline()
            _ = context.loop.schedule(at: at) { [weak self] in
                guard let self, !self.isClosed else { return }
                self.sendNextDribbleChunk()
            }
        case .lingerThenClose:
            transport.shutdownWrite()
            updateInterest()
            armDeadline()
        case .close:
            close()
        case .reset:
            reset()
        case let .answer408(phase):
            let part = phase == .readingHead ? "head" : "body"
            let allowed = phase == .readingHead ? context.configuration.headerReadTimeout : context.configuration.bodyReadTimeout
            fail(HTTPParseError(408, "request \(part) not received within \(allowed)"))
        case .handshakeFailed:
            handshakeFailed()
        }
    }

    // MARK: Closing

    /// Sends RST instead of FIN.
    func reset() {
        guard !isClosed else { return }
        socket.setResetOnClose()
        close()
    }

    func close() {
        guard machine.close() else { return }
        timer?.cancel()
        context.loop.deregister(socket.fd, token: token)
        context.connectionClosed(self)  // counted before the peer can see the close
        socket.close()
    }

    /// Graceful shutdown: close at once when no request is under way, else after the current answer.
    func drain() {
        if machine.drainRequested(inputPending: !inbound.isEmpty) == .close { close() }
    }

    // MARK: Interest and deadlines

    func updateInterest() {
        guard let wanted = machine.interestChange(buffered: inbound.readableCount, outputPending: outboundOffset < outbound.count,
                                                  tlsWantsWrite: transport.tls?.want == .write) else { return }
        context.loop.reregister(socket.fd, token: token, interest: wanted)
    }

    /// Keeps one timer at or before the current phase's deadline. A timer that fires early (the deadline moved
    /// later meanwhile) re-arms itself, so a busy keep-alive connection does not push a timer per request.
    func armDeadline() {
        guard let deadline = machine.deadline else { return }
        if let timer, !timer.isCancelled, timer.deadline <= deadline { return }
        timer?.cancel()
        timer = context.loop.schedule(at: deadline) { [weak self] in self?.deadlinePassed() }
    }

    private func deadlinePassed() {
        timer = nil
        guard !isClosed else { return }
        let now = MonotonicClock.now()
        perform(machine.deadlinePassed(now: now), now: now)
    }
}
