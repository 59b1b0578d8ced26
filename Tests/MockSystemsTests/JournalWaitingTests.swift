// Server-side waits: early completion, timeout with the current count, cancellation, and no leftover waiters.
import Foundation
import Synchronization
import Testing
@testable import MockSystems

/// A scheduler the test fires by hand, recording what it was asked and whether timers were cancelled.
private final class ManualScheduler: Sendable {
    let timers = Mutex<[(delay: Duration, task: @Sendable () -> Void)]>([])
    let cancellations = Atomic<Int>(0)

    var schedule: JournalTimerScheduler {
        { [self] delay, task in
            timers.withLock { $0.append((delay, task)) }
            return { [self] in cancellations.add(1, ordering: .sequentiallyConsistent) }
        }
    }

    func fireAll() {
        let due = timers.withLock { timers in
            defer { timers.removeAll() }
            return timers
        }
        due.forEach { $0.task() }
    }
}

/// Collects completion calls.
private final class Completions: Sendable {
    let counts = Mutex<[Int]>([])
    func record(_ count: Int) { counts.withLock { $0.append(count) } }
    var values: [Int] { counts.withLock { $0 } }
}

@Suite struct JournalWaitingTests {
    @Test func wait_CompletesAtOnce_WhenTheCountIsAlreadyReached() throws {
        let scheduler = ManualScheduler()
        let journal = try Journal(scheduler: scheduler.schedule)
        journal.record(.make(route: "create"))
        let completions = Completions()
        let handle = journal.waitForCount(matching: RequestMatcher(route: "create"), atLeast: 1, timeout: .seconds(5),
                                          completion: completions.record)
        #expect(handle == nil && completions.values == [1])
        #expect(scheduler.timers.withLock { $0.isEmpty } && journal.pendingWaitCount == 0)
    }

    @Test func wait_CompletesOnTheChange_ThatReachesTheCount_AndCancelsItsTimer() throws {
        let scheduler = ManualScheduler()
        let journal = try Journal(scheduler: scheduler.schedule)
        let completions = Completions()
        journal.waitForCount(matching: RequestMatcher(route: "create"), atLeast: 2, timeout: .milliseconds(250), completion: completions.record)
        #expect(scheduler.timers.withLock { $0.map(\.delay) } == [.milliseconds(250)])
        let id = journal.record(.make())
        journal.record(.make(route: "create"))
        #expect(completions.values.isEmpty && journal.pendingWaitCount == 1)
        journal.update(id: id, route: "create")  // an update can complete a wait too
        #expect(completions.values == [2])
        #expect(scheduler.cancellations.load(ordering: .sequentiallyConsistent) == 1 && journal.pendingWaitCount == 0)
        scheduler.fireAll()  // a timer that fires late finds nothing to do
        #expect(completions.values == [2])
    }

    @Test func wait_CompletesWithTheCurrentCount_WhenItsTimerFires() throws {
        let scheduler = ManualScheduler()
        let journal = try Journal(scheduler: scheduler.schedule)
        let completions = Completions()
        journal.record(.make(method: "GET"))
        journal.waitForCount(matching: RequestMatcher(method: "GET"), atLeast: 3, timeout: .seconds(1), completion: completions.record)
        journal.record(.make(method: "GET"))
        scheduler.fireAll()
        #expect(completions.values == [2] && journal.pendingWaitCount == 0)
        journal.record(.make(method: "GET"))
        #expect(completions.values == [2])
    }

    @Test func wait_CountsCompletion_AndForgetsEvictedEntries() throws {
        let scheduler = ManualScheduler()
        let journal = try Journal(capacity: 2, scheduler: scheduler.schedule)
        let completions = Completions()
        let first = journal.record(.make(route: "a"))
        let second = journal.record(.make(route: "a"))
        journal.waitForCount(matching: RequestMatcher(route: "a", outcome: .rejected), atLeast: 2, timeout: .seconds(1),
                             completion: completions.record)
        journal.complete(id: first, status: 401)
        journal.record(.make(route: "b"))  // evicts the first: one rejected entry retained
        journal.complete(id: second, status: 422)
        #expect(completions.values.isEmpty)
        scheduler.fireAll()
        #expect(completions.values == [1])
    }

    @Test func wait_EndsWithTheCurrentCount_WhenCancelled() throws {
        let scheduler = ManualScheduler()
        let journal = try Journal(scheduler: scheduler.schedule)
        let completions = Completions()
        journal.record(.make())
        let handle = try #require(journal.waitForCount(matching: RequestMatcher(), atLeast: 5, timeout: .seconds(1), completion: completions.record))
        journal.cancelWait(handle)
        journal.cancelWait(handle)
        #expect(completions.values == [1] && journal.pendingWaitCount == 0)
    }

    @Test func wait_WithoutTime_AnswersTheCurrentCount() throws {
        let journal = try Journal()
        let completions = Completions()
        journal.record(.make())
        #expect(journal.waitForCount(matching: RequestMatcher(), atLeast: 2, timeout: .zero, completion: completions.record) == nil)
        #expect(completions.values == [1] && journal.pendingWaitCount == 0)
    }

    @Test func wait_CompletesEarly_WhenAnotherThreadRecords() async throws {
        let journal = try Journal()
        let timeout = Duration.seconds(10)
        let clock = ContinuousClock()
        let started = clock.now
        async let count = journal.waitForCount(matching: RequestMatcher(route: "create"), atLeast: 2, timeout: timeout)
        let recorder = Thread {
            // Once the wait is registered, two matching records must complete it from this thread.
            while journal.pendingWaitCount == 0 { Thread.sleep(forTimeInterval: 0.001) }
            journal.record(.make(route: "other"))
            journal.record(.make(route: "create"))
            journal.record(.make(route: "create"))
        }
        recorder.start()
        #expect(await count == 2)
        #expect(clock.now - started < timeout / 2)
        #expect(journal.pendingWaitCount == 0)
    }

    @Test func wait_TimesOutWithTheCurrentCount_OnTheDispatchTimer() async throws {
        let journal = try Journal()
        journal.record(.make(route: "create"))
        let timeout = Duration.milliseconds(100)
        let clock = ContinuousClock()
        let started = clock.now
        let count = await journal.waitForCount(matching: RequestMatcher(route: "create"), atLeast: 3, timeout: timeout)
        let waited = clock.now - started
        #expect(count == 1)
        // Dispatch timers may fire a little early (leeway) and late on a loaded machine (a cold `swift test` start stalls
        // every test for seconds); without the timer the wait would never end, so the upper bound only rules out a hang.
        #expect(waited >= timeout * 0.9 && waited < timeout * 100)
        #expect(journal.pendingWaitCount == 0)
    }

    @Test func wait_EndsEarly_WhenItsTaskIsCancelled() async throws {
        let journal = try Journal()
        let timeout = Duration.seconds(10)
        let clock = ContinuousClock()
        let started = clock.now
        let task = Task { await journal.waitForCount(matching: RequestMatcher(), atLeast: 1, timeout: timeout) }
        task.cancel()
        #expect(await task.value == 0)
        #expect(clock.now - started < timeout / 2 && journal.pendingWaitCount == 0)
    }
}
