// Which deadline each connection phase sets, checked with made-up times instead of sleeping.
import Testing
@testable import HTTPWire

@Suite struct ConnectionLifecycleTests {
    static let timeouts = ConnectionLifecycle.Timeouts(header: 100, body: 200, idle: 300, write: 400, stall: 500, linger: 600)

    @Test func lifecycle_EachPhase_SetsItsOwnDeadline() {
        var lifecycle = ConnectionLifecycle(timeouts: Self.timeouts, now: 1000)
        let expected: [(ConnectionLifecycle.Phase, UInt64?, ConnectionLifecycle.Expiry?)] = [
            (.handshaking, 1100, .handshakeFailed), (.idle, 1300, .close), (.readingHead, 1100, .requestTimeout),
            (.readingBody, 1200, .requestTimeout), (.handling, nil, nil), (.writing, 1400, .close), (.stalled, 1500, .close),
            (.lingering, 1600, .close), (.closed, nil, nil),
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

    @Test func lifecycle_ATimeFromBeforeThePhaseBegan_StartsTheNextPhaseWhenThisOneBegan() {
        var lifecycle = ConnectionLifecycle(timeouts: Self.timeouts, now: 0)
        lifecycle.enter(.idle, now: 0)
        lifecycle.enter(.writing, now: 50)
        lifecycle.enter(.idle, now: 80)
        lifecycle.enter(.readingHead, now: 60)  // the time of a read, held while that read's requests were answered
        #expect(lifecycle.since == 80)
        #expect(lifecycle.deadline?.at == 180)
        lifecycle.enter(.writing, now: 90)
        lifecycle.progressed(now: 85)  // a stale progress report never moves the write clock back
        #expect(lifecycle.deadline?.at == 490)
    }

    @Test func lifecycle_StartsInTheGivenPhase() {
        let lifecycle = ConnectionLifecycle(timeouts: Self.timeouts, now: 7, phase: .handshaking)
        #expect(lifecycle.phase == .handshaking)
        #expect(lifecycle.deadline?.at == 107)
        #expect(lifecycle.deadline?.expiry == .handshakeFailed)
    }

    @Test func lifecycle_AcceptsInputOnlyWhileReading() {
        var lifecycle = ConnectionLifecycle(timeouts: Self.timeouts, now: 0)
        let accepting: [ConnectionLifecycle.Phase: Bool] = [.handshaking: false, .idle: true, .readingHead: true, .readingBody: true,
                                                           .handling: false, .writing: false, .stalled: false, .lingering: false,
                                                           .closed: false]
        for (phase, accepts) in accepting {
            lifecycle.enter(phase, now: 0)
            #expect(lifecycle.acceptsInput == accepts, "\(phase)")
        }
    }
}
