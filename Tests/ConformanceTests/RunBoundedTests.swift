// Case deadlines: work that finishes, throws, or outlives its deadline.
@testable import Conformance
import Dispatch
import HTTPWire
import Synchronization
import Testing

@Suite struct RunBoundedTests {
    struct Boom: Error {}

    @Test func finishedWork_ReportsItsResult() async {
        guard case .finished(.success) = await runBounded(for: .seconds(5), {}) else { Issue.record("expected success"); return }
        guard case .finished(.failure(is Boom)) = await runBounded(for: .seconds(5), { throw Boom() }) else {
            Issue.record("expected the thrown error"); return
        }
    }

    @Test func workPastTheDeadline_IsAbandonedAtTheDeadline() async {
        let clock = ContinuousClock()
        let start = clock.now
        // The work ignores cancellation for 30 s; the deadline is 0.1 s. Waiting for the work would take 30 s; 10 s
        // leaves room for the start of the test run, when hundreds of tests share the two cores' task threads.
        let outcome = await runBounded(for: .milliseconds(100)) {
            await ignoringCancellation(seconds: 30)
        }
        let elapsed = clock.now - start
        guard case .deadlinePassed = outcome else { Issue.record("expected the deadline"); return }
        #expect(elapsed >= .milliseconds(100) && elapsed < .seconds(10))
    }

    @Test func aDeadlineThatMovesLater_IsReadAgain_BeforeAbandoning() async {
        let reads = Mutex(0)
        // The first read gives a deadline 50 ms after that read, which passes while the work (0.3 s) runs; every
        // later read gives one far off. A timer that did not read the deadline again would abandon the work.
        let outcome = await runBounded(deadline: {
            reads.withLock { $0 += 1; return $0 } == 1 ? MonotonicClock.now() + 50_000_000 : .max
        }) {
            await ignoringCancellation(seconds: 0.3)
        }
        guard case .finished(.success) = outcome else { Issue.record("expected the work to finish, got \(outcome)"); return }
        #expect(reads.withLock { $0 } >= 2)
    }
}

/// Waits `seconds` without a thread and without noticing cancellation, like a request stuck on a hung target.
func ignoringCancellation(seconds: Double) async {
    await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
        DispatchQueue.global().asyncAfter(deadline: .now() + seconds) { continuation.resume() }
    }
}
