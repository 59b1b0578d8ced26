// The journal's ring: ids, overflow, updates, completion, listing, reset, and concurrent use.
import Foundation
import Testing
@testable import MockSystems

extension JournalEntry {
    /// A draft entry with sensible defaults; override what a test is about.
    static func make(system: String = "crm", method: String = "POST", path: String = "/contacts", query: String? = nil,
                     headers: [JournalHeader] = [], body: String = "", route: String? = nil,
                     auth: AuthOutcome = .notRequired, validation: BodyValidationOutcome = .notChecked,
                     answeredBy: AnsweredBy = .nothing, status: Int? = nil,
                     arrivedAt: Date = Date(timeIntervalSince1970: 1_700_000_000.123)) -> JournalEntry {
        var entry = JournalEntry(system: system, arrivedAt: arrivedAt, arrivalMonotonicNanoseconds: 42, method: method,
                                 target: path + (query.map { "?\($0)" } ?? ""), path: path, query: query, headers: headers,
                                 body: Array(body.utf8), peer: "127.0.0.1:5000", route: route, auth: auth,
                                 validation: validation, status: status)
        entry.answeredBy = answeredBy
        return entry
    }
}

@Suite struct JournalTests {
    @Test func journal_AssignsIncreasingIDs_FromOne() throws {
        let journal = try Journal()
        #expect(journal.record(.make()) == 1)
        #expect(journal.record(.make(path: "/b")) == 2)
        #expect(journal.entries().map(\.id) == [1, 2])
        #expect(journal.entry(id: 2)?.path == "/b")
    }

    @Test func journal_CountsOverflow_WhenFull() throws {
        let journal = try Journal(capacity: 3)
        for index in 1...5 { journal.record(.make(path: "/\(index)")) }
        #expect(journal.entries().map(\.path) == ["/3", "/4", "/5"])
        #expect(journal.stats == JournalStats(recorded: 5, retained: 3, overflow: 2, capacity: 3, persisted: 0,
                                              persistFailures: 0, lastPersistError: nil))
        #expect(journal.entry(id: 5)?.path == "/5")
    }

    @Test func journal_RejectsCapacityBelowOne() {
        #expect(throws: JournalError.invalidCapacity(0)) { try Journal(capacity: 0) }
        #expect(JournalError.invalidCapacity(0).description.contains("at least 1"))
    }

    @Test func journal_UpdateFillsInFields_AndKeepsTheID() throws {
        let journal = try Journal()
        let id = journal.record(.make())
        #expect(journal.update(id: id, route: "create_contact", auth: .accepted, validation: .passed, fault: "rule r1: reset (1 of 1)"))
        #expect(journal.update(id: id) { entry in
            entry.id = 99
            entry.peer = "10.0.0.1:1"
        })
        let entry = try #require(journal.entry(id: id))
        #expect(entry.route == "create_contact" && entry.auth == .accepted && entry.validation == .passed)
        #expect(entry.fault == "rule r1: reset (1 of 1)" && entry.peer == "10.0.0.1:1" && entry.id == id)
        #expect(!journal.update(id: 77, route: "x"))
    }

    @Test func journal_CompleteSetsStatusOnce() throws {
        let journal = try Journal()
        let id = journal.record(.make())
        #expect(journal.entry(id: id)?.status == nil && journal.entry(id: id)?.completed == false)
        #expect(journal.complete(id: id, status: 201))
        #expect(!journal.complete(id: id, status: 500))
        #expect(journal.entry(id: id)?.status == 201 && journal.entry(id: id)?.completed == true)
        #expect(!journal.complete(id: 404, status: 200))
    }

    @Test func journal_CompleteWithoutStatus_RecordsNoAnswer() throws {
        let journal = try Journal()
        let id = journal.record(.make())
        #expect(journal.complete(id: id, status: nil))
        #expect(journal.entry(id: id)?.completed == true && journal.entry(id: id)?.status == nil)
    }

    @Test func journal_KeepsEvictedInFlightEntry_UntilItCompletes() throws {
        let journal = try Journal(capacity: 1)
        let first = journal.record(.make(path: "/slow"))
        journal.record(.make(path: "/fast"))
        #expect(journal.entries().map(\.path) == ["/fast"])
        #expect(journal.update(id: first, route: "slow"))
        #expect(journal.complete(id: first, status: 200))
        #expect(journal.entry(id: first) == nil)
    }

    @Test func journal_ResetKeepsIDsIncreasing_AndZeroesCounters() throws {
        let journal = try Journal(capacity: 2)
        for _ in 1...3 { journal.record(.make()) }
        journal.reset()
        #expect(journal.entries().isEmpty)
        #expect(journal.stats.overflow == 0 && journal.stats.recorded == 0 && journal.stats.retained == 0)
        #expect(journal.record(.make()) == 4)
        #expect(journal.entries().map(\.id) == [4])
    }

    @Test func journal_FilterSelectsByEveryField_OldestFirst() throws {
        let journal = try Journal()
        let early = Date(timeIntervalSince1970: 1000), late = Date(timeIntervalSince1970: 2000)
        journal.record(.make(system: "crm", method: "GET", route: "list", arrivedAt: early))
        journal.record(.make(system: "crm", method: "POST", route: "create", arrivedAt: early))
        journal.record(.make(system: "tickets", method: "POST", route: "create", arrivedAt: late))
        journal.record(.make(system: "crm", method: "POST", route: "create", arrivedAt: late))
        #expect(journal.entries(filter: JournalFilter(route: "create")).map(\.id) == [2, 3, 4])
        #expect(journal.entries(filter: JournalFilter(method: "get")).map(\.id) == [1])
        #expect(journal.entries(filter: JournalFilter(system: "tickets")).map(\.id) == [3])
        #expect(journal.entries(filter: JournalFilter(sinceID: 2)).map(\.id) == [3, 4])
        #expect(journal.entries(filter: JournalFilter(sinceDate: late)).map(\.id) == [3, 4])
        #expect(journal.entries(filter: JournalFilter(route: "create", limit: 2)).map(\.id) == [2, 3])
        #expect(journal.entries(filter: JournalFilter(limit: 0)).isEmpty)
    }

    @Test func journal_CountsAndFinds_WithAMatcher() throws {
        let journal = try Journal()
        journal.record(.make(route: "create", answeredBy: .route, status: 201))
        journal.record(.make(route: "list", answeredBy: .route, status: 200))
        journal.record(.make(route: "create", auth: .missing, answeredBy: .route, status: 401))
        journal.record(.make(route: "create", answeredBy: .fault, status: 503))
        journal.record(.make(path: "/nowhere", answeredBy: .admin, status: 404))
        journal.record(.make(route: "create"))  // not answered yet
        #expect(journal.count(matching: RequestMatcher(route: "create")) == 4)
        #expect(journal.find(matching: RequestMatcher(route: "create", outcome: .rejected)).map(\.id) == [3])
        #expect(journal.find(matching: RequestMatcher(outcome: .accepted)).map(\.id) == [1, 2])
        #expect(journal.find(matching: RequestMatcher(status: .classOf(hundreds: 4))).map(\.id) == [3, 5])
        #expect(journal.find(matching: RequestMatcher(status: .exactly(503))).map(\.id) == [4])
        #expect(journal.find(matching: RequestMatcher(answeredBy: .fault)).map(\.id) == [4])
        #expect(journal.find(matching: RequestMatcher(answeredBy: .nothing)).map(\.id) == [6])
        #expect(journal.count(matching: RequestMatcher()) == 6)
    }

    @Test func journal_StaysConsistent_UnderConcurrentRecording() throws {
        let journal = try Journal(capacity: 100)
        DispatchQueue.concurrentPerform(iterations: 1000) { index in
            let id = journal.record(.make(path: "/\(index)"))
            journal.update(id: id, route: "r")
            journal.complete(id: id, status: 200)
        }
        let stats = journal.stats
        #expect(stats.recorded == 1000 && stats.retained == 100 && stats.overflow == 900)
        #expect(journal.entries().map(\.id) == Array(901...1000))
    }
}
