// Fault rules over /__admin/faults: add, list, delete one or all, refuse bad rules; a respond rule seen by a client.
import JSONModel
import HTTPWire
import Testing
@testable import MockSystems

@Suite struct AdminAPIFaultTests {
    @Test func postFault_Respond_AnswersWithItsStatusHeadersAndBody() async throws {
        let crm = try MockSystem.make("crm")
        defer { crm.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }
        let rule: JSONValue = ["id": "busy", "match": ["route": "create_callback"],
                               "action": ["type": "respond", "status": 429, "headers": ["Retry-After": "2"], "body": ["error": "slow_down"]]]

        let added = try await client.send("POST", crm.url("/__admin/faults"), json: rule)
        let refused = try await client.send("POST", crm.url("/callbacks"), headers: Fixture.crmAuth, json: Fixture.lead())
        let other = try await client.send("GET", crm.url("/callbacks"), headers: Fixture.crmAuth)

        #expect(added.status == 201)
        #expect(try added.json()["id"] == "busy")
        #expect(refused.status == 429)
        #expect(refused.headers["Retry-After"] == "2")
        #expect(refused.headers["Content-Type"] == "application/json")
        #expect(try refused.json() == ["error": "slow_down"])
        #expect(other.status == 200, "the rule matches create_callback only")
        #expect(crm.records(in: "leads").isEmpty)
        let entry = try #require(crm.entries(route: "create_callback").only)
        #expect(entry.status == 429 && entry.fault?.contains("rule busy: status 429") == true)
    }

    @Test func faults_AreListed_DeletedByID_AndDeletedAll() async throws {
        let webhook = try MockSystem.make("webhook")
        defer { webhook.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }
        let faults = webhook.url("/__admin/faults")
        _ = try await client.send("POST", faults, json: ["id": "a", "match": ["path": "/a"], "action": ["type": "close"]])
        _ = try await client.send("POST", faults, json: ["id": "b", "match": ["path": "/b"], "delay_ms": 1])
        let typed = try FaultRule(json: ["match": ["path": "/c"], "action": ["type": "respond", "status": 500]])
        webhook.addFault(typed)

        let listed = try await client.send("GET", faults)
        let deleted = try await client.send("DELETE", faults + "/a")
        let deletedAgain = try await client.send("DELETE", faults + "/a")
        let afterDelete = try await client.send("GET", faults)
        let answeredA = try await client.send("GET", webhook.url("/a"))
        let cleared = try await client.send("DELETE", faults)
        let afterClear = try await client.send("GET", faults)
        let answeredC = try await client.send("GET", webhook.url("/c"))

        #expect(try Self.ids(listed) == ["a", "b", typed.id])
        let listedTyped = try #require(try listed.json()["faults"]?[2])
        #expect(listedTyped.contains(subset: typed.json))
        #expect(listedTyped["hits"] == 0 && listedTyped["matched"] == 0 && listedTyped["remaining"] == .null
                && listedTyped["used_up"] == false)
        #expect(deleted.status == 204 && deletedAgain.status == 404)
        #expect(try Self.ids(afterDelete) == ["b", typed.id])
        #expect(answeredA.status == 200)
        #expect(cleared.status == 204)
        #expect(try Self.ids(afterClear) == [])
        #expect(answeredC.status == 200)
    }

    @Test(arguments: [
        (#"{"action": {"type": "explode"}}"#, "action.type"),
        (#"{"times": 0, "action": {"type": "reset"}}"#, "times"),
        (#"{"times": 1, "probability": 0.5, "action": {"type": "reset"}}"#, "probability"),
        (#"{"match": {"route": "x"}}"#, "needs an action"),
        (#"{"action": {"type": "respond"}}"#, "status"),
        (#"{"bogus": 1, "action": {"type": "reset"}}"#, "bogus"),
    ])
    func postFault_Answers422WithAMessage_ForABadRule(_ json: String, _ named: String) async throws {
        let webhook = try MockSystem.make("webhook")
        defer { webhook.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }

        let response = try await client.send("POST", webhook.url("/__admin/faults"), body: Array(json.utf8))

        #expect(response.status == 422)
        #expect(try response.json()["error"] == "bad_fault")
        #expect(try response.json()["message"]?.stringValue?.contains(named) == true, "\(response.bodyText)")
        let listed = try await client.send("GET", webhook.url("/__admin/faults"))
        #expect(try Self.ids(listed) == [])
    }

    @Test func postFault_Answers400_ForABodyThatIsNotJSON() async throws {
        let webhook = try MockSystem.make("webhook")
        defer { webhook.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }

        let response = try await client.send("POST", webhook.url("/__admin/faults"), body: Array("times=1".utf8))

        #expect(response.status == 400)
        #expect(try response.json()["error"] == "invalid_json")
    }

    private static func ids(_ response: HTTPResponse) throws -> [String] {
        try response.json()["faults"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
    }
}
