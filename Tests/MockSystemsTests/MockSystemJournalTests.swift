// A system's journal at its limits and on disk: overflow reported, never silent; one masked JSON line per answer.
import JSONModel
import Foundation
import HTTPWire
import Testing
@testable import MockSystems

@Suite struct MockSystemJournalTests {
    @Test func overflow_IsCountedAndReported_WhenTheJournalIsFull() async throws {
        let crm = try MockSystem.make("crm") { $0.journalCapacity = 5 }
        defer { crm.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }
        for index in 1...8 {
            _ = try await client.send("POST", crm.url("/callbacks"), headers: Fixture.crmAuth, json: Fixture.lead(name: "lead \(index)"))
        }

        let count = try await client.send("GET", crm.url("/__admin/requests/count"))
        let listed = try await client.send("GET", crm.url("/__admin/requests"))
        let described = try await client.send("GET", crm.url("/__admin"))

        #expect(count.bodyText == #"{"count":8}"#)
        #expect(count.headers["X-Journal-Recorded"] == "8")
        #expect(count.headers["X-Journal-Retained"] == "5")
        #expect(count.headers["X-Journal-Overflow"] == "3")
        #expect(listed.headers["X-Journal-Overflow"] == "3")
        #expect(try listed.json()["overflow"] == 3 && listed.json()["count"] == 5)
        #expect(try listed.json()["requests"]?.arrayValue?.compactMap { $0["id"]?.intValue } == [4, 5, 6, 7, 8])
        #expect(try described.json()["journal"] == ["recorded": 8, "retained": 5, "overflow": 3])
        #expect(crm.records(in: "leads").count == 8, "the journal's limit does not touch the records")
    }

    @Test func persistence_WritesOneMaskedLinePerAnsweredRequest_ThatSurvivesStop() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mock-journal-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let crm = try MockSystem.make("crm") { $0.journalDirectory = directory }
        defer { crm.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }
        crm.addFault(try FaultRule(json: ["match": ["path": "/broken"], "action": ["type": "close"]]))

        _ = try await client.send("POST", crm.url("/callbacks"), headers: Fixture.crmAuth, json: Fixture.lead())
        _ = try await client.send("POST", crm.url("/callbacks"), headers: ["Authorization": "Bearer wrong"], json: Fixture.lead())
        _ = try await client.send("GET", crm.url("/contacts/lookup?phone=" + Fixture.query("+14155550123")), headers: Fixture.crmAuth)
        _ = await client.outcome("GET", crm.url("/broken"))
        _ = try await client.send("GET", crm.url("/__admin/requests/count"))
        crm.stop()

        let file = directory.appendingPathComponent("crm.jsonl")
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.hasSuffix("\n"))
        let lines = try text.split(separator: "\n").map { try JSONValue.parse(String($0)) }
        #expect(lines.map { $0["id"] } == [1, 2, 3, 4])
        #expect(lines.map { $0["status"] } == [201, 401, 200, .null])
        #expect(lines.map { $0["route"] } == ["create_callback", "create_callback", "lookup_contact", .null])
        #expect(lines[0]["system"] == "crm" && lines[0]["body_json"] == Fixture.lead())
        let authorization = lines[0]["headers"]?.arrayValue?.first { $0["name"] == "Authorization" }
        #expect(authorization == ["name": "Authorization", "value": "***", "secret": true])
        #expect(lines[1]["headers"]?.arrayValue?.first { $0["name"] == "Authorization" }?["value"] == "***")
        #expect(!text.contains("crm-token") && !text.contains("Bearer wrong"))
        #expect(crm.journal.stats.persisted == 4 && crm.journal.stats.persistFailures == 0)
    }
}
