// The dashboard's event feed: numbering, paging after a cursor, what a lagging browser missed, and long-poll waiters.
import Foundation
import Synchronization
import Testing
@testable import MockSystems

/// A scheduler the test fires by hand.
private final class ManualTimers: Sendable {
    let tasks = Mutex<[@Sendable () -> Void]>([])
    let cancellations = Atomic<Int>(0)

    var schedule: JournalTimerScheduler {
        { [self] _, task in
            tasks.withLock { $0.append(task) }
            return { [self] in cancellations.add(1, ordering: .sequentiallyConsistent) }
        }
    }

    func fireAll() {
        let due = tasks.withLock { tasks in
            defer { tasks.removeAll() }
            return tasks
        }
        due.forEach { $0() }
    }
}

/// Counts wake-ups.
private final class Wakes: Sendable {
    let count = Atomic<Int>(0)
    func wake() { count.add(1, ordering: .sequentiallyConsistent) }
    var value: Int { count.load(ordering: .sequentiallyConsistent) }
}

extension JournalEntry {
    /// A completed entry of `system` with a body and a secret header, for feed tests.
    static func feedSample(id: Int, system: String = "crm", status: Int? = 201) -> JournalEntry {
        var entry = JournalEntry(id: id, system: system, arrivedAt: Date(), arrivalMonotonicNanoseconds: 1_000_000,
                                 method: "POST", target: "/callbacks", path: "/callbacks",
                                 headers: [JournalHeader(name: "Authorization", value: "Bearer s3cret", secret: true)],
                                 body: Array(#"{"name":"Ada"}"#.utf8), route: "create_callback", status: status, completed: status != nil)
        entry.completedMonotonicNanoseconds = status == nil ? nil : 3_500_000
        return entry
    }
}

@Suite struct DashboardFeedTests {
    @Test func page_ReturnsTheEventsAfterTheCursor_OldestFirst() {
        var state = DashboardFeedState(capacity: 10, maxWaiters: 4)
        for id in 1...5 { _ = state.append(DashboardEvent(.recorded(id: id), system: "crm")) }

        let page = state.page(after: 2, limit: 3)

        #expect(page.events.map(\.sequence) == [3, 4, 5])
        #expect(page.next == 5)
        #expect(page.missed == 0)
        #expect(state.page(after: 5, limit: 10) == DashboardPage(events: [], next: 5, missed: 0))
    }

    @Test func page_GivesTheNewestLimit_WhenMoreHappened_CountingTheRestAsMissed() {
        var state = DashboardFeedState(capacity: 10, maxWaiters: 4)
        for id in 1...5 { _ = state.append(DashboardEvent(.recorded(id: id), system: "crm")) }

        let page = state.page(after: 1, limit: 2)

        #expect(page.events.map(\.sequence) == [4, 5], "a page that fell behind shows the present")
        #expect(page.next == 5)
        #expect(page.missed == 2, "events 2 and 3 were left out")
    }

    @Test func page_CountsWhatALaggingBrowserMissed_WhenTheRingOverflowed() {
        var state = DashboardFeedState(capacity: 3, maxWaiters: 4)
        for id in 1...10 { _ = state.append(DashboardEvent(.recorded(id: id), system: "crm")) }

        let page = state.page(after: 2, limit: 100)

        #expect(page.events.map(\.sequence) == [8, 9, 10])
        #expect(page.missed == 5, "events 3 to 7 were dropped")
        #expect(page.next == 10)
    }

    @Test func page_AnswersAStaleCursor_WithTheNewestSequence() {
        var state = DashboardFeedState(capacity: 3, maxWaiters: 4)
        _ = state.append(DashboardEvent(.reset, system: "crm"))

        let page = state.page(after: 900, limit: 10)

        #expect(page == DashboardPage(events: [], next: 1, missed: 0))
        #expect(state.isReady(after: 900), "a cursor from an earlier run of the process is answered at once")
    }

    @Test func event_HoldsTheEntrysID_OnlyARowSummaryIsRendered() throws {
        let event = DashboardEvent(.completed(id: 7), system: "crm")
        let row = JournalEntry.feedSample(id: 7).dashboardSummary

        #expect(event.kind == .completed && event.entryID == 7 && event.system == "crm")
        #expect(DashboardEvent(.reset, system: "crm").entryID == nil)
        #expect(row["id"] == 7 && row["status"] == 201 && row["route"] == "create_callback" && row["duration_ms"] == 2.5)
        #expect(row["headers"] == nil && row["body"] == nil && !row.jsonText.contains("s3cret"))
    }

    @Test func wait_WakesEveryWaiterOnce_OnTheNextEvent_AndCancelsItsTimer() {
        let timers = ManualTimers(), wakes = Wakes()
        let feed = DashboardFeed(capacity: 10, maxWaiters: 4, scheduler: timers.schedule)
        feed.wait(after: 0, timeout: .seconds(25)) { wakes.wake() }
        feed.wait(after: 0, timeout: .seconds(25)) { wakes.wake() }
        #expect(feed.pendingWaitCount == 2)

        feed.append(.recorded(id: 1), system: "crm")
        feed.append(.completed(id: 1), system: "crm")
        timers.fireAll()

        #expect(wakes.value == 2, "each poll is woken once, by the first event; the second event only appends")
        #expect(feed.pendingWaitCount == 0)
        #expect(timers.cancellations.load(ordering: .sequentiallyConsistent) == 2)
    }

    @Test func wait_WakesAtOnce_WhenEventsAfterTheCursorExist() {
        let timers = ManualTimers(), wakes = Wakes()
        let feed = DashboardFeed(capacity: 10, scheduler: timers.schedule)
        feed.append(.recorded(id: 1), system: "crm")

        feed.wait(after: 0, timeout: .seconds(25)) { wakes.wake() }

        #expect(wakes.value == 1)
        #expect(feed.pendingWaitCount == 0)
        #expect(timers.tasks.withLock { $0.isEmpty }, "no timer for a poll answered at once")
    }

    @Test func wait_WakesWhenTheTimeoutPasses_WithNothingNew() {
        let timers = ManualTimers(), wakes = Wakes()
        let feed = DashboardFeed(capacity: 10, scheduler: timers.schedule)

        feed.wait(after: 0, timeout: .seconds(25)) { wakes.wake() }
        #expect(wakes.value == 0)
        timers.fireAll()

        #expect(wakes.value == 1)
        #expect(feed.pendingWaitCount == 0)
    }

    @Test func wait_DisplacesTheOldestWaiter_BeyondTheLimit() {
        let timers = ManualTimers(), first = Wakes(), others = Wakes()
        let feed = DashboardFeed(capacity: 10, maxWaiters: 2, scheduler: timers.schedule)

        feed.wait(after: 0, timeout: .seconds(25)) { first.wake() }
        feed.wait(after: 0, timeout: .seconds(25)) { others.wake() }
        feed.wait(after: 0, timeout: .seconds(25)) { others.wake() }

        #expect(first.value == 1, "the oldest poll is answered so that at most maxWaiters are held")
        #expect(others.value == 0)
        #expect(feed.pendingWaitCount == 2)
    }

    @Test func journalObserver_FeedsArrivalsCompletionsAndResets() throws {
        let journal = try Journal(capacity: 10)
        let feed = DashboardFeed(capacity: 10)
        journal.observe { feed.append($0, system: "crm") }

        let id = journal.record(.feedSample(id: 0, status: nil))
        journal.complete(id: id, status: 204)
        let duration = journal.entry(id: id)?.durationMilliseconds
        journal.reset()
        journal.observe(nil)
        journal.record(.feedSample(id: 0, status: nil))

        let events = feed.page(after: 0, limit: 10).events
        #expect(events.map(\.kind) == [.arrived, .completed, .reset], "nothing after the observer is removed")
        #expect(events.map(\.entryID) == [id, id, nil])
        #expect(try #require(duration) >= 0, "the completed entry the events name knows its duration")
    }
}
