// The time a case waits on its target, with a fake clock: overlapping requests count once, idle time not at all.
@testable import Conformance
import Testing

@Suite struct TargetTimeTests {
    @Test func busyTime_CountsOnlyWhileARequestIsOutstanding() {
        var time = TargetTime()
        #expect(time.busy(now: 1_000) == 0)
        time.begin(now: 1_000)
        #expect(time.busy(now: 1_500) == 500)      // in flight: counts up to now
        time.end(now: 2_000)
        #expect(time.busy(now: 9_000) == 1_000)    // idle afterwards: not counted
        time.begin(now: 10_000)
        time.begin(now: 10_500)                    // overlapping: counted once
        time.end(now: 11_000)
        time.end(now: 12_000)
        #expect(time.busy(now: 20_000) == 3_000)
        #expect(time.requests == 3)
        #expect(time.outstanding == 0)
    }

    @Test func anUnmatchedEnd_ChangesNothing() {
        var time = TargetTime()
        time.end(now: 5)
        #expect(time == TargetTime())
    }
}

@Suite struct RoundTripTests {
    @Test func medianAndP95_AreTakenFromTheSamples() {
        let trip = RoundTrip(durationsMs: [5, 1, 4, 2, 3, 100, 6])
        #expect(trip == RoundTrip(medianMs: 4, p95Ms: 100, samples: 7))
        #expect(RoundTrip(durationsMs: [2, 4]).medianMs == 3)
        #expect(RoundTrip(durationsMs: []) == .none)
    }
}
