// A hand-moved clock and a few shortcuts for driving a server connection's state machine without a socket.
import Testing
@testable import HTTPWire

/// Monotonic time the test moves by hand; nothing sleeps.
struct FakeClock {
    private(set) var now: UInt64 = 1000

    /// Moves the clock on by `nanoseconds` and returns the new time.
    @discardableResult mutating func advance(_ nanoseconds: UInt64) -> UInt64 {
        now += nanoseconds
        return now
    }
}

extension ConnectionStateMachine {
    /// Short, distinct timeouts (nanoseconds), so each deadline names its phase; reading pauses at 64 buffered bytes.
    static let timeouts = ConnectionLifecycle.Timeouts(header: 100, body: 200, idle: 300, write: 400, stall: 500, linger: 600)

    static func make(tls: Bool = false, now: UInt64) -> Self {
        ConnectionStateMachine(timeouts: timeouts, readPauseBytes: 64, tls: tls, now: now)
    }

    /// A whole request arrives in one read at `now` and goes to the handler; returns its sequence number.
    @discardableResult mutating func receiveRequest(keepAlive: Bool = true, isHTTP10: Bool = false, method: String = "GET",
                                                    now: UInt64) -> Int {
        #expect(bytesRead(now: now) == .parse)
        return requestParsed(method: method, keepAlive: keepAlive, isHTTP10: isHTTP10, now: now)
    }

    /// The handler's answer is queued at `queuedAt` as the connection queues it (closing when this is the last answer)
    /// and written at once at `drainedAt`; returns what the connection does next.
    mutating func answer(inputPending: Bool = false, serverDraining: Bool = false, queuedAt: UInt64, drainedAt: UInt64) -> Action {
        let closing = closesAfterAnswer(inputPending: inputPending, serverDraining: serverDraining)
        answerQueued(closing ? .close : .carryOn, now: queuedAt)
        return writeDrained(inputPending: inputPending, now: drainedAt)
    }
}

/// The machine's deadline is exactly `at`: a timer firing one nanosecond earlier only re-arms, and at `at` the machine
/// answers `action`.
func expectDeadline(_ machine: ConnectionStateMachine, at: UInt64, then action: ConnectionStateMachine.Action,
                    sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(machine.deadline == at, sourceLocation: sourceLocation)
    #expect(machine.deadlinePassed(now: at - 1) == .armTimer, sourceLocation: sourceLocation)
    #expect(machine.deadlinePassed(now: at) == action, sourceLocation: sourceLocation)
}

/// `#expect(actual == expected)` for a value an event returned: `#expect` cannot call the machine's mutating events
/// itself (it captures what it checks as a constant), so the event runs as this function's argument.
func check<T: Equatable>(_ actual: T, is expected: T, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(actual == expected, sourceLocation: sourceLocation)
}
