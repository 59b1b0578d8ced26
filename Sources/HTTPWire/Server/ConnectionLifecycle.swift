// The phases of a server connection and the deadline each one sets. Pure: the caller supplies the time.

/// Where a server connection is between requests, and what happens when it stays there too long.
struct ConnectionLifecycle: Equatable {
    enum Phase: Equatable {
        /// The TLS handshake is under way; it must finish within the header timeout.
        case handshaking
        /// Waiting for the first byte of the next request.
        case idle
        /// Part of a request head has arrived.
        case readingHead
        /// The head is complete; the body is arriving.
        case readingBody
        /// The handler has the request; no deadline (a mock may delay on purpose).
        case handling
        /// A response is queued and the peer is not taking it.
        case writing
        /// A fault stopped the response mid-way; the connection is held open.
        case stalled
        /// Shutting down: the write side is closed and unread bytes are drained.
        case lingering
        /// Closed; nothing happens any more.
        case closed
    }

    /// What to do when a deadline passes.
    enum Expiry: Equatable {
        /// Close without a word (idle keep-alive, stalled, stuck writes, lingering).
        case close
        /// Answer 408 Request Timeout, then close.
        case requestTimeout
        /// Count a failed TLS handshake, then close without a word.
        case handshakeFailed
    }

    struct Timeouts: Equatable {
        var header: UInt64, body: UInt64, idle: UInt64, write: UInt64, stall: UInt64, linger: UInt64
    }

    let timeouts: Timeouts
    private(set) var phase: Phase
    /// When the current phase began (monotonic nanoseconds). It never moves back: a time read before the
    /// current phase began (a caller still holding the time of an earlier event) counts as its start.
    private(set) var since: UInt64

    init(timeouts: Timeouts, now: UInt64, phase: Phase = .idle) {
        self.timeouts = timeouts
        self.phase = phase
        since = now
    }

    mutating func enter(_ next: Phase, now: UInt64) {
        guard next != phase else { return }
        phase = next
        since = max(since, now)
    }

    /// Restarts the current phase's clock: a write that made progress is not a stuck write.
    mutating func progressed(now: UInt64) {
        if phase == .writing { since = max(since, now) }
    }

    /// The monotonic time at which this phase expires and what to do then; nil while handling and once closed.
    var deadline: (at: UInt64, expiry: Expiry)? {
        switch phase {
        case .handshaking: return (MonotonicClock.deadline(timeouts.header, after: since), .handshakeFailed)
        case .idle: return (MonotonicClock.deadline(timeouts.idle, after: since), .close)
        case .readingHead: return (MonotonicClock.deadline(timeouts.header, after: since), .requestTimeout)
        case .readingBody: return (MonotonicClock.deadline(timeouts.body, after: since), .requestTimeout)
        case .handling: return nil
        case .writing: return (MonotonicClock.deadline(timeouts.write, after: since), .close)
        case .stalled: return (MonotonicClock.deadline(timeouts.stall, after: since), .close)
        case .lingering: return (MonotonicClock.deadline(timeouts.linger, after: since), .close)
        case .closed: return nil
        }
    }

    /// Whether a parse may run now (not while a request is with the handler or a response is going out).
    var acceptsInput: Bool { phase == .idle || phase == .readingHead || phase == .readingBody }
}
