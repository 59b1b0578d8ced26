// Which deadline each connection phase sets, checked with made-up times instead of sleeping.
import Testing
@testable import HTTPWire

@Suite struct ConnectionLifecycleTests {
    static let timeouts = ConnectionLifecycle.Timeouts(header: 100, body: 200, idle: 300, write: 400, stall: 500, linger: 600)

    @Test func lifecycle_EachPhase_SetsItsOwnDeadline() {
        var lifecycle = ConnectionLifecycle(timeouts: Self.timeouts, now: 1000)
        let expected: [(ConnectionLifecycle.Phase, UInt64?, ConnectionLifecycle.Expiry?)] = [
            (.idle, 1300, .close), (.readingHead, 1100, .requestTimeout), (.readingBody, 1200, .requestTimeout),
            (.handling, nil, nil), (.writing, 1400, .close), (.stalled, 1500, .close), (.lingering, 1600, .close),
        ]
        for (phase, at, expiry) in expected {
            lifecycle.enter(phase, now: 1000)
            #expect(lifecycle.deadline?.at == at, "\(phase)")
            #expect(lifecycle.deadline?.expiry == expiry, "\(phase)")
        }
    }

    @Test func lifecycle_ReenteringSamePhase_KeepsTheStartTime() {
        var lifecycle = ConnectionLifecycle(timeouts: Self.timeouts, now: 0)
        lifecycle.enter(.readingHead, now: 10)
        lifecycle.enter(.readingHead, now: 90)  // more head bytes: the slowloris clock must not restart
        #expect(lifecycle.deadline?.at == 110)
    }

    @Test func lifecycle_AcceptsInputOnlyWhileReading() {
        var lifecycle = ConnectionLifecycle(timeouts: Self.timeouts, now: 0)
        let accepting: [ConnectionLifecycle.Phase: Bool] = [.idle: true, .readingHead: true, .readingBody: true, .handling: false,
                                                           .writing: false, .stalled: false, .lingering: false]
        for (phase, accepts) in accepting {
            lifecycle.enter(phase, now: 0)
            #expect(lifecycle.acceptsInput == accepts, "\(phase)")
        }
    }
}
