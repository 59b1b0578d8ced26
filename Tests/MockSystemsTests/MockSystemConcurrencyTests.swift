// Many clients posting leads at once: every lead answered 201 is journaled once and stored once, and nothing else is.
import JSONModel
import Foundation
import HTTPWire
import Testing
@testable import MockSystems

@Suite struct MockSystemConcurrencyTests {
    /// What one posted lead got back: its name, status, and the id when it was created.
    private struct Answer: Sendable {
        var name: String
        var status: Int
        var id: String?
    }

    @Test func concurrentLeads_AreEachJournaledAndStoredExactlyOnce() async throws {
        let tasks = 64, leadsPerTask = 10
        let crm = try MockSystem.make("crm")
        defer { crm.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }

        let answers = try await withThrowingTaskGroup(of: [Answer].self) { group in
            for task in 0..<tasks {
                group.addTask {
                    var answers: [Answer] = []
                    for index in 0..<leadsPerTask {
                        let name = "caller \(task)-\(index)"
                        // Every fifth lead has a bad phone number: answered 422, journaled as rejected, never stored.
                        let lead = Fixture.lead(name: name, phone: index % 5 == 4 ? "555" : "+1415555\(String(format: "%04d", task * 10 + index))")
                        let response = try await client.send("POST", crm.url("/callbacks"), headers: Fixture.crmAuth, json: lead, timeout: .seconds(30))
                        answers.append(Answer(name: name, status: response.status, id: try response.json()["id"]?.stringValue))
                    }
                    return answers
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }

        let created = answers.filter { $0.status == 201 }
        #expect(answers.count == tasks * leadsPerTask)
        #expect(created.count == tasks * 8)
        #expect(answers.allSatisfy { $0.status == 201 || $0.status == 422 })
        #expect(Set(created.compactMap(\.id)).count == created.count, "ids are unique")

        let accepted = crm.journal.find(matching: RequestMatcher(route: "create_callback", outcome: .accepted))
        var journaledNames: [String: Int] = [:]
        for entry in accepted {
            if let name = try? JSONValue.parse(entry.body)["name"]?.stringValue { journaledNames[name, default: 0] += 1 }
        }
        var storedIDs: [String: Int] = [:]
        for record in crm.records(in: "leads") { storedIDs[record["id"]?.stringValue ?? "", default: 0] += 1 }
        for answer in created {
            #expect(journaledNames[answer.name] == 1, "\(answer.name) journaled \(journaledNames[answer.name] ?? 0) times")
            #expect(storedIDs[answer.id ?? "-"] == 1, "\(answer.name) stored \(storedIDs[answer.id ?? "-"] ?? 0) times")
        }
        #expect(storedIDs.count == created.count)
        #expect(crm.journal.stats.recorded == answers.count)
        let counted = try await client.send("POST", crm.url("/__admin/requests/count"), json: ["route": "create_callback", "outcome": "accepted"])
        #expect(try counted.json()["count"] == .int(created.count))
        #expect(crm.journal.find(matching: RequestMatcher(outcome: .rejected)).count == answers.count - created.count)
    }
}
