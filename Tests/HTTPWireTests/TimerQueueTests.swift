// The timer heap: order, ties, cancellation and the wait it asks the poller for.
import Testing
@testable import HTTPWire

@Suite struct TimerQueueTests {
    @Test func timers_FireInDeadlineOrder_TiesInSchedulingOrder() {
        var queue = TimerQueue()
        var fired: [String] = []
        for (deadline, name) in [(30, "c"), (10, "a"), (20, "b1"), (20, "b2"), (40, "d")] {
            _ = queue.schedule(at: UInt64(deadline)) { fired.append(name) }
        }
        for timer in queue.popDue(now: 30) { timer.fire() }
        #expect(fired == ["a", "b1", "b2", "c"])
        #expect(queue.count == 1)
    }

    @Test func timers_Cancelled_NeverFire() {
        var queue = TimerQueue()
        var fired = 0
        let timer = queue.schedule(at: 5) { fired += 1 }
        timer.cancel()
        for timer in queue.popDue(now: 100) { timer.fire() }
        #expect(fired == 0)
        #expect(queue.count == 0)
    }

    @Test func timers_CancelledByAnEarlierTimerInTheSameBatch_DoNotFire() {
        var queue = TimerQueue()
        var fired: [String] = []
        var second: ScheduledTimer?
        _ = queue.schedule(at: 1) { fired.append("first"); second?.cancel() }
        second = queue.schedule(at: 2) { fired.append("second") }
        for timer in queue.popDue(now: 10) { timer.fire() }
        #expect(fired == ["first"])
    }

    @Test func timers_WaitIsRoundedUpToWholeMilliseconds() {
        var queue = TimerQueue()
        #expect(queue.millisecondsUntilNext(now: 0) == -1)
        _ = queue.schedule(at: 2_500_000) {}
        #expect(queue.millisecondsUntilNext(now: 0) == 3)
        #expect(queue.millisecondsUntilNext(now: 2_500_000) == 0)
    }
}
