// Case deadlines: work that finishes, throws, or outlives its deadline.
@testable import Conformance
import Dispatch
import Testing

@Suite struct RunBoundedTests {
    struct Boom: Error {}

    @Test func finishedWork_ReportsItsResult() async {
        guard case .finished(.success) = await runBounded(seconds: 5, {}) else { Issue.record("expected success"); return }
        guard case .finished(.failure(is Boom)) = await runBounded(seconds: 5, { throw Boom() }) else {
            Issue.record("expected the thrown error"); return
        }
    }

    @Test func workPastTheDeadline_IsAbandonedAtTheDeadline() async {
        let clock = ContinuousClock()
        let start = clock.now
        // The work ignores cancellation for 5 s; the deadline is 0.1 s.
        let outcome = await runBounded(seconds: 0.1) {
            await ignoringCancellation(seconds: 5)
        }
        let elapsed = clock.now - start
        guard case .deadlinePassed = outcome else { Issue.record("expected the deadline"); return }
        #expect(elapsed >= .milliseconds(100) && elapsed < .seconds(4))
    }
}

/// Waits `seconds` without a thread and without noticing cancellation, like a request stuck on a hung target.
func ignoringCancellation(seconds: Double) async {
    await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
        DispatchQueue.global().asyncAfter(deadline: .now() + seconds) { continuation.resume() }
    }
}
