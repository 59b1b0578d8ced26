// One accepted connection: reads, parses, hands requests to the handler in order, writes answers, keeps time.

/// A server connection, confined to its event loop's thread (hence `@unchecked Sendable`: only writers cross
/// threads, and they hop onto the loop before touching it). Requests are handled one at a time, so pipelined
/// requests are answered in order.
final class ServerConnection: Selectable, @unchecked Sendable {
    enum Reply {
        case response(HTTPResponse)
        case fault(ConnectionFault)
    }

    /// What follows once the outbound bytes are all written.
    enum AfterWrite {
        /// A complete response: go back to reading the next request.
        case carryOn
        /// An interim `100 Continue`: keep reading the body.
        case interim
        case close
        case reset
        case stall
        /// One chunk of a dribbled response; more may follow.
        case dribbleChunk
    }

    let socket: Socket
    /// The socket, or TLS over it; plain after a plain-HTTP request on a TLS port is refused.
    var transport: Transport
    /// The TLS handshake is under way; no HTTP is read or written until it is done.
    var handshaking = false
    /// The first byte of a TLS connection has been looked at (a plain-HTTP request gets a readable refusal).
    var sniffed = false
    let peer: String
    let context: LoopContext
    private var token = 0
    private var inbound = ByteBuffer()
    private var parser: HTTPRequestParser
    var lifecycle: ConnectionLifecycle
    private var outbound: [UInt8] = []
    private var outboundOffset = 0
    private var afterWrite = AfterWrite.carryOn
    private var dribble: (remaining: ArraySlice<UInt8>, chunk: Int, interval: UInt64, then: AfterWrite)?
    private var sequence = 0
    private var requestMethod = "GET"
    private var requestKeepAlive = true
    private var requestIsHTTP10 = false
    private var peerClosedRead = false
    private var closeAfterResponse = false
    private var processing = false
    private var interest = PollerInterest.read
    private var timer: ScheduledTimer?
    private(set) var isClosed = false

    init(transport: Transport, peer: String, context: LoopContext) {
        socket = transport.socket
        self.transport = transport
        self.peer = peer
        self.context = context
        parser = HTTPRequestParser(limits: context.configuration.limits)
        lifecycle = ConnectionLifecycle(timeouts: context.timeouts, now: MonotonicClock.now())
    }

    /// Registers with the loop and starts the idle clock, or on TLS the handshake, which must finish within the
    /// header timeout.
    func start() {
        token = context.loop.register(socket.fd, interest: interest, handler: self)
        if transport.tls != nil {
            handshaking = true
            lifecycle.enter(.readingHead, now: MonotonicClock.now())
        }
        armDeadline()
    }

    func handle(_ event: PollerEvent) {
        if handshaking { continueHandshake(); return }
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
                if lifecycle.phase == .lingering || lifecycle.phase == .stalled { continue }  // drained and dropped
                context.scratch.withUnsafeBytes { inbound.append(UnsafeRawBufferPointer(rebasing: $0[..<count])) }
                if lifecycle.phase == .idle { lifecycle.enter(.readingHead, now: MonotonicClock.now()) }
                processInbound()
            case .wouldBlock:
                updateInterest()  // TLS may wait for the other direction
                return
            case .closed:
                peerClosedRead = true
                switch lifecycle.phase {
                case .handling, .writing: updateInterest()  // answer what is in hand, then close
                default: close()
                }
                return
            case .reset, .failed:
                close()
                return
            }
        } while !isClosed && transport.hasBufferedInput
    }

    /// Parses and dispatches buffered requests while the connection may take input. Not re-entrant: a
    /// handler answering synchronously returns here, and this loop picks up the next pipelined request.
    private func processInbound() {
        guard !processing else { return }
        processing = true
        defer { processing = false }
        while !isClosed && lifecycle.acceptsInput && !inbound.isEmpty {
            let event: HTTPRequestParser.Event?
            do {
                event = try parser.next(&inbound)
            } catch {
                fail(error)
                break
            }
            guard let event else {
                if !parser.isIdle {
                    lifecycle.enter(.readingBody, now: MonotonicClock.now())
                } else if lifecycle.phase == .idle {
                    lifecycle.enter(.readingHead, now: MonotonicClock.now())  // part of a pipelined head: slowloris clock
                }
                break
            }
            switch event {
            case let .head(_, expectsContinue):
                lifecycle.enter(.readingBody, now: MonotonicClock.now())
                if expectsContinue { send(Array("HTTP/1.1 100 Continue\r\n\r\n".utf8), then: .interim) }
            case let .request(request):
                dispatch(request)
            }
        }
        guard !isClosed else { return }
        inbound.compact()
        updateInterest()
        armDeadline()
    }

    private func dispatch(_ request: HTTPRequest) {
        var request = request
        request.peer = peer
        sequence += 1
        requestMethod = request.method
        requestKeepAlive = request.keepAlive
        requestIsHTTP10 = request.version == .http1_0
        lifecycle.enter(.handling, now: MonotonicClock.now())
        context.handler(request, HTTPResponseWriter(connection: self, sequence: sequence, eventLoop: context.loop))
    }

    // MARK: Answering

    /// Called on the loop by the request's writer.
    func complete(sequence: Int, _ reply: Reply) {
        guard !isClosed, sequence == self.sequence, lifecycle.phase == .handling else { return }
        switch reply {
        case let .response(response):
            let closing = isLastAnswer
            send(serialize(response, closing: closing), then: closing ? .close : .carryOn)
        case let .fault(fault):
            perform(fault)
        }
    }

    /// Whether the connection ends after this answer: the request or a drain says so, or the peer has half-closed
    /// and sent nothing more to answer (a half-closed peer's buffered pipelined requests are still answered).
    private var isLastAnswer: Bool {
        !requestKeepAlive || closeAfterResponse || context.isDraining || (peerClosedRead && inbound.isEmpty && parser.isIdle)
    }

    private func serialize(_ response: HTTPResponse, closing: Bool) -> [UInt8] {
        // HTTP/1.0 keeps a connection only when the answer says so (RFC 9112 §9.3).
        let keepAlive = requestIsHTTP10 && !closing
        return MessageSerializer.response(response, requestMethod: requestMethod, closing: closing, keepAlive: keepAlive,
                                          date: context.dateCache.current())
    }

    private func perform(_ fault: ConnectionFault) {
        switch fault {
        case .reset:
            reset()
        case .close:
            lingerThenClose()
        case let .raw(bytes, ending):
            send(bytes, then: Self.afterWrite(for: ending))
        case let .partial(response, count, ending):
            let bytes = serialize(response, closing: true)
            send(Array(bytes.prefix(max(0, count))), then: Self.afterWrite(for: ending))
        case let .dribble(response, chunkBytes, interval):
            startDribble(response, chunkBytes: chunkBytes) { _ in interval.nanoseconds }
        case let .dribbleOver(response, chunkBytes, duration):
            startDribble(response, chunkBytes: chunkBytes) { chunks in duration.nanoseconds / UInt64(max(1, chunks - 1)) }
        }
    }

    /// Starts writing `response` in chunks; `interval` gets the number of chunks and returns the gap between them.
    private func startDribble(_ response: HTTPResponse, chunkBytes: Int, interval: (Int) -> UInt64) {
        let closing = isLastAnswer
        let bytes = serialize(response, closing: closing)
        let chunk = max(1, chunkBytes)
        dribble = (bytes[...], chunk, interval((bytes.count + chunk - 1) / chunk), closing ? .close : .carryOn)
        sendNextDribbleChunk()
    }

    private static func afterWrite(for ending: ConnectionFault.Ending) -> AfterWrite {
        switch ending {
        case .close: return .close
        case .reset: return .reset
        case .stall: return .stall
        }
    }

    private func sendNextDribbleChunk() {
        guard var plan = dribble else { return }
        let chunk = plan.remaining.prefix(plan.chunk)
        plan.remaining = plan.remaining.dropFirst(chunk.count)
        dribble = plan
        send(Array(chunk), then: plan.remaining.isEmpty ? plan.then : .dribbleChunk)
    }

    /// Answers a malformed, over-limit or timed-out request with its status and a body saying why, then closes.
    func fail(_ error: HTTPParseError) {
        sequence += 1  // a writer still out there for an earlier request must not answer now
        requestMethod = "GET"
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
        afterWrite = next
        if next != .interim { lifecycle.enter(.writing, now: MonotonicClock.now()) }
        flush()
    }

    private func flush() {
        while outboundOffset < outbound.count {
            let result = outbound.withUnsafeBytes { transport.send(UnsafeRawBufferPointer(rebasing: $0[outboundOffset...])) }
            switch result {
            case let .bytes(count):
                outboundOffset += count
                lifecycle.progressed(now: MonotonicClock.now())
            case .wouldBlock:
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
        finishWrite()
    }

    private func finishWrite() {
        switch afterWrite {
        case .interim:
            updateInterest()
        case .carryOn:
            lifecycle.enter(.idle, now: MonotonicClock.now())
            if closeAfterResponse && inbound.isEmpty { lingerThenClose(); return }
            if peerClosedRead && inbound.isEmpty { close(); return }
            processInbound()
            updateInterest()
            armDeadline()
        case .close:
            lingerThenClose()
        case .reset:
            reset()
        case .stall:
            lifecycle.enter(.stalled, now: MonotonicClock.now())
            updateInterest()
            armDeadline()
        case .dribbleChunk:
            updateInterest()
            armDeadline()
            let deadline = MonotonicClock.deadline(dribble?.interval ?? 0, after: MonotonicClock.now())
            _ = context.loop.schedule(at: deadline) { [weak self] in
                guard let self, !self.isClosed else { return }
                self.sendNextDribbleChunk()
            }
        }
    }

    // MARK: Closing

    /// Closes the write side, then reads and drops what the peer still sends until it closes or `lingerTimeout`
    /// passes, so the peer reads our last answer instead of a reset caused by its unread bytes.
    private func lingerThenClose() {
        guard !isClosed else { return }
        guard !peerClosedRead else { close(); return }
        transport.shutdownWrite()
        lifecycle.enter(.lingering, now: MonotonicClock.now())
        updateInterest()
        armDeadline()
    }

    /// Sends RST instead of FIN.
    func reset() {
        guard !isClosed else { return }
        socket.setResetOnClose()
        close()
    }

    func close() {
        guard !isClosed else { return }
        isClosed = true
        timer?.cancel()
        context.loop.deregister(socket.fd, token: token)
        context.connectionClosed(self)  // counted before the peer can see the close
        socket.close()
    }

    /// Graceful shutdown: close at once when no request is under way, else after the current answer.
    func drain() {
        closeAfterResponse = true
        if handshaking { close(); return }
        if lifecycle.phase == .idle && inbound.isEmpty || lifecycle.phase == .stalled { close() }
    }

    // MARK: Interest and deadlines

    func updateInterest() {
        var wanted: PollerInterest = []
        if handshaking {
            wanted = transport.tls?.want == .write ? .write : .read
        } else {
            let buffered = inbound.readableCount
            if !peerClosedRead && (lifecycle.acceptsInput || lifecycle.phase == .lingering || lifecycle.phase == .stalled
                || buffered < context.configuration.limits.maxHeadBytes) {
                wanted.insert(.read)
            }
            // Bytes to send, or a TLS read that waits for the socket to take a write first.
            if outboundOffset < outbound.count || transport.tls?.want == .write { wanted.insert(.write) }
        }
        guard wanted != interest else { return }
        interest = wanted
        context.loop.reregister(socket.fd, token: token, interest: wanted)
    }

    /// Keeps one timer at or before the current phase's deadline. A timer that fires early (the deadline moved
    /// later meanwhile) re-arms itself, so a busy keep-alive connection does not push a timer per request.
    func armDeadline() {
        guard let (deadline, _) = lifecycle.deadline else { return }
        if let timer, !timer.isCancelled, timer.deadline <= deadline { return }
        timer?.cancel()
        timer = context.loop.schedule(at: deadline) { [weak self] in self?.deadlinePassed() }
    }

    private func deadlinePassed() {
        timer = nil
        guard !isClosed, let (deadline, expiry) = lifecycle.deadline else { return }
        guard deadline <= MonotonicClock.now() else { armDeadline(); return }
        if handshaking { handshakeFailed(); return }
        switch expiry {
        case .close:
            close()
        case .requestTimeout:
            let phase = lifecycle.phase == .readingHead ? "head" : "body"
            let allowed = lifecycle.phase == .readingHead ? context.configuration.headerReadTimeout : context.configuration.bodyReadTimeout
            fail(HTTPParseError(408, "request \(phase) not received within \(allowed)"))
        }
    }
}
