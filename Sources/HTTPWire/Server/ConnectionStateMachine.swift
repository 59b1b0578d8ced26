// A server connection's decisions as a state machine: events in, actions out. Pure: the caller supplies the time and
// what only its I/O knows (bytes buffered, bytes unsent), then carries the actions out on the socket.

/// What a server connection does next: keep-alive or close after an answer (HTTP/1.0, `Connection: close`, a drain, a
/// half-closed peer), lingering, the deadlines of its `ConnectionLifecycle`, what readiness to wait for, the TLS
/// handshake's first byte, dribbled answers. A value: no allocation per event. `ServerConnection` owns one.
struct ConnectionStateMachine {
    /// What follows once the outbound bytes are all written.
    enum AfterWrite: Equatable {
        /// A complete response: go back to reading the next request.
        case carryOn
        /// An interim `100 Continue`: keep reading the body.
        case interim
        case close
        case reset
        case stall
        /// One chunk of a dribbled response; more follow.
        case dribbleChunk

        init(_ ending: ConnectionFault.Ending) {
            switch ending {
            case .close: self = .close
            case .reset: self = .reset
            case .stall: self = .stall
            }
        }
    }

    /// How a dribbled answer is paced.
    enum Pace: Equatable {
        /// One chunk every so many nanoseconds.
        case every(UInt64)
        /// Evenly, so that the last chunk leaves so many nanoseconds after the first.
        case over(UInt64)
    }

    /// What the connection does next.
    enum Action: Equatable {
        /// Nothing to do.
        case nothing
        /// Parse the buffered bytes and hand over the requests they complete.
        case parse
        /// Throw the bytes just read away: lingering or stalled, the connection only drains the peer.
        case drop
        /// Write an interim `100 Continue`.
        case sendContinue
        /// Plain HTTP on a TLS port: answer a readable 400.
        case refusePlainHTTP
        /// Change what the loop waits for, if it changed.
        case updateInterest
        /// The deadline moved later: arm a timer for it.
        case armTimer
        /// Update the interest, then arm a timer for the current deadline.
        case rearm
        /// Rearm, then write the next chunk of a dribbled answer at this time.
        case sendNextChunk(at: UInt64)
        /// Shut the write side, then rearm: the phase is `lingering`, reading and dropping until the peer closes or
        /// the linger deadline passes, so the peer reads the last answer instead of a reset caused by its unread bytes.
        case lingerThenClose
        /// Close now (FIN).
        case close
        /// Close with RST.
        case reset
        /// The request's head or body (the phase says which) did not arrive in time: answer 408, then close.
        case answer408(ConnectionLifecycle.Phase)
        /// The TLS handshake did not finish in time: count it, then close.
        case handshakeFailed
    }

    /// A dribbled answer still being written.
    private struct Dribble {
        var remaining: ArraySlice<UInt8>
        let chunk: Int
        let interval: UInt64
        let then: AfterWrite
    }

    private(set) var lifecycle: ConnectionLifecycle
    /// While a request is handled, reading pauses once this many bytes are buffered (a head's worth).
    let readPauseBytes: Int
    /// What the loop waits for, as last changed.
    private(set) var interest = PollerInterest.read
    private(set) var afterWrite = AfterWrite.carryOn
    /// Numbers the requests handed out; only the latest one's writer may answer.
    private(set) var sequence = 0
    /// The method of the request being answered (a HEAD answer has no body).
    private(set) var requestMethod = "GET"
    private var requestKeepAlive = true
    private var requestIsHTTP10 = false
    /// The peer will send nothing more: answer what is in hand, then close.
    private(set) var peerClosedRead = false
    /// The server is shutting down: close after the current answer.
    private(set) var draining = false
    /// The first byte of a TLS connection has been looked at.
    private var sniffed = false
    private var dribble: Dribble?

    /// A connection accepted at `now`: idle, or on TLS handshaking.
    init(timeouts: ConnectionLifecycle.Timeouts, readPauseBytes: Int, tls: Bool, now: UInt64) {
        lifecycle = ConnectionLifecycle(timeouts: timeouts, now: now, phase: tls ? .handshaking : .idle)
        self.readPauseBytes = readPauseBytes
    }

    var phase: ConnectionLifecycle.Phase { lifecycle.phase }
    var isClosed: Bool { lifecycle.phase == .closed }
    var isHandshaking: Bool { lifecycle.phase == .handshaking }
    /// Whether a parse may run now (not while a request is with the handler or a response is going out).
    var acceptsInput: Bool { lifecycle.acceptsInput }
    /// When the current phase expires (monotonic nanoseconds); nil while handling and once closed.
    var deadline: UInt64? { lifecycle.deadline?.at }

    // MARK: TLS handshake

    /// The first byte of a TLS connection is still to be looked at.
    var awaitsFirstByte: Bool { isHandshaking && !sniffed }

    /// The connection's first byte, peeked: a TLS connection opens with a handshake record (0x16), and a capital
    /// letter starts a plain-HTTP request line. Anything else is the handshake's business.
    mutating func firstByte(_ byte: UInt8) -> Action {
        sniffed = true
        return byte != 0x16 && (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? .refusePlainHTTP : .nothing
    }

    /// The handshake finished: serve the connection like a plain one.
    mutating func handshakeFinished(now: UInt64) -> Action {
        lifecycle.enter(.idle, now: now)
        return .rearm
    }

    // MARK: Reading

    /// Bytes arrived: the first byte of a request starts the head's clock (slowloris), which more bytes do not restart.
    mutating func bytesRead(now: UInt64) -> Action {
        switch lifecycle.phase {
        case .lingering, .stalled, .closed: return .drop
        case .idle: lifecycle.enter(.readingHead, now: now)
        case .handshaking, .readingHead, .readingBody, .handling, .writing: break
        }
        return .parse
    }

    /// The parser needs more bytes, with part of a body (`bodyStarted`) or else perhaps part of a head in hand.
    mutating func awaitingInput(bodyStarted: Bool, now: UInt64) {
        if bodyStarted {
            lifecycle.enter(.readingBody, now: now)
        } else if lifecycle.phase == .idle {
            lifecycle.enter(.readingHead, now: now)  // part of a pipelined head: the slowloris clock starts
        }
    }

    /// A head arrived whose body is still to come.
    mutating func headParsed(expectsContinue: Bool, now: UInt64) -> Action {
        lifecycle.enter(.readingBody, now: now)
        return expectsContinue ? .sendContinue : .nothing
    }

    /// A whole request arrived; returns the sequence number its writer answers under.
    mutating func requestParsed(method: String, keepAlive: Bool, isHTTP10: Bool, now: UInt64) -> Int {
        sequence += 1
        requestMethod = method
        requestKeepAlive = keepAlive
        requestIsHTTP10 = isHTTP10
        lifecycle.enter(.handling, now: now)
        return sequence
    }

    /// The connection answers an error of its own (malformed, over a limit, timed out, plain HTTP on TLS) and closes:
    /// a writer still out there for an earlier request must not answer now.
    mutating func answeringError() {
        sequence += 1
        requestMethod = "GET"
    }

    /// The peer closed its write side: finish the answer in hand, else close.
    mutating func peerHalfClosed() -> Action {
        peerClosedRead = true
        switch lifecycle.phase {
        case .handling, .writing: return .updateInterest
        default: return .close
        }
    }

    // MARK: Answering

    /// Whether an answer from the writer of request `sequence` is taken: the latest request, still with the handler.
    func takesAnswer(sequence: Int) -> Bool { sequence == self.sequence && lifecycle.phase == .handling }

    /// Whether the connection ends after the answer now being written: the request or a drain says so, or the peer has
    /// half-closed and sent nothing more to answer (`inputPending`: bytes buffered or a request partly parsed).
    func closesAfterAnswer(inputPending: Bool, serverDraining: Bool) -> Bool {
        !requestKeepAlive || draining || serverDraining || (peerClosedRead && !inputPending)
    }

    /// Whether an answer says `Connection: keep-alive`: HTTP/1.0 keeps a connection only when it does (RFC 9112 §9.3).
    func announcesKeepAlive(closing: Bool) -> Bool { requestIsHTTP10 && !closing }

    /// Starts a dribbled answer: `bytes` in chunks, paced, then the connection carries on or closes.
    mutating func dribbleStarted(_ bytes: [UInt8], chunkBytes: Int, pace: Pace, closing: Bool) {
        let chunk = max(1, chunkBytes)
        let interval: UInt64
        switch pace {
        case let .every(nanoseconds): interval = nanoseconds
        case let .over(nanoseconds): interval = nanoseconds / UInt64(max(1, (bytes.count + chunk - 1) / chunk - 1))
        }
        dribble = Dribble(remaining: bytes[...], chunk: chunk, interval: interval, then: closing ? .close : .carryOn)
    }

    /// The next chunk of the dribbled answer and what follows it; nil when none is under way.
    mutating func nextDribbleChunk() -> (bytes: ArraySlice<UInt8>, then: AfterWrite)? {
        guard var plan = dribble else { return nil }
        let chunk = plan.remaining.prefix(plan.chunk)
        plan.remaining = plan.remaining.dropFirst(chunk.count)
        dribble = plan.remaining.isEmpty ? nil : plan
        return (chunk, plan.remaining.isEmpty ? plan.then : .dribbleChunk)
    }

    // MARK: Writing

    /// Bytes were queued for writing, `next` to follow them; an interim `100 Continue` leaves the body's clock running.
    mutating func answerQueued(_ next: AfterWrite, now: UInt64) {
        afterWrite = next
        if next != .interim { lifecycle.enter(.writing, now: now) }
    }

    /// A write took some bytes, then the socket filled up: a write that makes progress is not a stuck write.
    mutating func writeProgressed(now: UInt64) {
        lifecycle.progressed(now: now)
    }

    /// Every queued byte is written (`inputPending`: bytes are buffered beyond the request just answered).
    mutating func writeDrained(inputPending: Bool, now: UInt64) -> Action {
        switch afterWrite {
        case .interim:
            return .updateInterest
        case .carryOn:
            lifecycle.enter(.idle, now: now)
            if draining && !inputPending { return closeRequested(now: now) }
            if peerClosedRead && !inputPending { return .close }
            return .parse
        case .close:
            return closeRequested(now: now)
        case .reset:
            return .reset
        case .stall:
            lifecycle.enter(.stalled, now: now)
            return .rearm
        case .dribbleChunk:
            lifecycle.progressed(now: now)
            return .sendNextChunk(at: MonotonicClock.deadline(dribble?.interval ?? 0, after: now))
        }
    }

    // MARK: Closing

    /// The connection should end after what it wrote: linger, or close at once when the peer has closed already.
    mutating func closeRequested(now: UInt64) -> Action {
        guard lifecycle.phase != .closed else { return .nothing }
        guard !peerClosedRead else { return .close }
        lifecycle.enter(.lingering, now: now)
        return .lingerThenClose
    }

    /// Graceful shutdown: close at once when no request is under way (`inputPending`: bytes are buffered), else after
    /// the current answer.
    mutating func drainRequested(inputPending: Bool) -> Action {
        draining = true
        switch lifecycle.phase {
        case .handshaking, .stalled: return .close
        case .idle: return inputPending ? .nothing : .close
        default: return .nothing
        }
    }

    /// The connection is closing now; false when it already was.
    mutating func close() -> Bool {
        guard lifecycle.phase != .closed else { return false }
        lifecycle.enter(.closed, now: lifecycle.since)
        return true
    }

    // MARK: Interest and deadlines

    /// What the loop should wait for now, or nil when that is what it waits for already (or the connection is closed).
    /// `buffered`: bytes read and not yet parsed; `outputPending`: bytes queued and not yet written.
    mutating func interestChange(buffered: Int, outputPending: Bool, tlsWantsWrite: Bool) -> PollerInterest? {
        var wanted: PollerInterest = []
        switch lifecycle.phase {
        case .closed:
            return nil
        case .handshaking:
            wanted = tlsWantsWrite ? .write : .read
        default:
            let phase = lifecycle.phase
            if !peerClosedRead && (acceptsInput || phase == .lingering || phase == .stalled || buffered < readPauseBytes) {
                wanted.insert(.read)
            }
            // Bytes to send, or a TLS read that waits for the socket to take a write first.
            if outputPending || tlsWantsWrite { wanted.insert(.write) }
        }
        guard wanted != interest else { return nil }
        interest = wanted
        return wanted
    }

    /// A timer for the deadline fired at `now`; it may have moved later meanwhile.
    func deadlinePassed(now: UInt64) -> Action {
        guard let (at, expiry) = lifecycle.deadline else { return .nothing }
        guard at <= now else { return .armTimer }
        switch expiry {
        case .close: return .close
        case .requestTimeout: return .answer408(lifecycle.phase)
        case .handshakeFailed: return .handshakeFailed
        }
    }
}
