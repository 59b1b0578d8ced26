// The journal over /__admin/requests: listing with filters, exact counts, matcher counts and finds, clearing.
import JSONModel
import HTTPWire
import Testing
@testable import MockSystems

@Suite struct AdminAPIJournalTests {
    /// Sends `crm` a lead, a rejected lead, a listing and a lookup (journal ids 1-4).
    private static func sendTraffic(_ client: HTTPClient, to crm: MockSystem) async throws {
        _ = try await client.send("POST", crm.url("/callbacks"), headers: Fixture.crmAuth, json: Fixture.lead(name: "Ada"))
        _ = try await client.send("POST", crm.url("/callbacks"), headers: Fixture.crmAuth, json: Fixture.lead().setting("phone_number", "12"))
        _ = try await client.send("GET", crm.url("/callbacks"), headers: Fixture.crmAuth.adding("X-Trace", "t-1"))
        _ = try await client.send("GET", crm.url("/contacts/lookup?phone=" + Fixture.query("+14155550123")), headers: Fixture.crmAuth)
    }

    private static func ids(_ response: HTTPResponse) throws -> [Int] {
        try response.json()["requests"]?.arrayValue?.compactMap { $0["id"]?.intValue } ?? []
    }

    @Test func listRequests_FiltersByRouteMethodSinceIDAndLimit() async throws {
        let crm = try MockSystem.make("crm")
        defer { crm.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }
        try await Self.sendTraffic(client, to: crm)
        let requests = crm.url("/__admin/requests")

        let all = try await client.send("GET", requests)
        let byRoute = try await client.send("GET", requests + "?route=create_callback")
        let byMethod = try await client.send("GET", requests + "?method=get")
        let since = try await client.send("GET", requests + "?since_id=2")
        let limited = try await client.send("GET", requests + "?since_id=1&limit=2")
        let byRouteAndMethod = try await client.send("GET", requests + "?route=create_callback&method=GET")
        let sinceDate = try await client.send("GET", requests + "?since=2000-01-01T00:00:00Z&limit=1")

        #expect(all.status == 200)
        #expect(try Self.ids(all) == [1, 2, 3, 4])
        #expect(try all.json()["count"] == 4 && all.json()["overflow"] == 0)
        #expect(try all.json()["requests"]?[0]?["route"] == "create_callback")
        #expect(try all.json()["requests"]?[0]?["outcome"] == "accepted")
        #expect(try all.json()["requests"]?[1]?["validation_errors"]?[0]?["field"] == "phone_number")
        #expect(try Self.ids(byRoute) == [1, 2])
        #expect(try Self.ids(byMethod) == [3, 4])
        #expect(try Self.ids(since) == [3, 4])
        #expect(try Self.ids(limited) == [2, 3])
        #expect(try Self.ids(byRouteAndMethod) == [])
        #expect(try Self.ids(sinceDate) == [1])
    }

    @Test(arguments: ["since_id=-1", "since_id=x", "limit=0", "limit=100001", "since=yesterday", "colour=red"])
    func listRequests_Answers400_ForABadFilter(_ query: String) async throws {
        let crm = try MockSystem.make("crm")
        defer { crm.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }

        let response = try await client.send("GET", crm.url("/__admin/requests?" + query))

        #expect(response.status == 400)
        let name = String(query.prefix { $0 != "=" })
        #expect(try response.json()["message"]?.stringValue?.contains(name) == true, "\(response.bodyText)")
    }

    @Test func getCount_AnswersExactlyTheCount() async throws {
        let crm = try MockSystem.make("crm")
        defer { crm.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }
        try await Self.sendTraffic(client, to: crm)

        let response = try await client.send("GET", crm.url("/__admin/requests/count"))

        #expect(response.status == 200)
        #expect(response.bodyText == #"{"count":4}"#)
        #expect(response.headers["X-Journal-Recorded"] == "4" && response.headers["X-Journal-Overflow"] == "0")
    }

    @Test func postCount_CountsWhatTheMatcherSelects() async throws {
        let crm = try MockSystem.make("crm")
        defer { crm.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }
        try await Self.sendTraffic(client, to: crm)
        let cases: [(matcher: JSONValue, count: Int)] = [
            ([:], 4),
            (["method": "POST"], 2),
            (["path": "/callbacks"], 3),
            (["path": "/contacts*"], 1),
            (["headers": ["X-Trace": "t-1"]], 1),
            (["headers": ["X-Trace": "t-2"]], 0),
            (["body_equals": Fixture.lead(name: "Ada")], 1),
            (["body_contains": ["name": "Ada Lovelace"]], 1),
            (["body_contains": ["company": "Analytical Engines Ltd"]], 2),
            (["outcome": "rejected"], 1),
            (["outcome": "accepted", "method": "POST"], 1),
            (["route": "lookup_contact"], 1),
        ]

        for (matcher, expected) in cases {
            let response = try await client.send("POST", crm.url("/__admin/requests/count"), json: matcher)
            #expect(response.status == 200)
            #expect(try response.json()["count"] == .int(expected), "\(matcher.jsonText)")
        }
    }

    @Test func postCountAndFind_Answer400_ForABadMatcher() async throws {
        let crm = try MockSystem.make("crm")
        defer { crm.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }

        let unknownKey = try await client.send("POST", crm.url("/__admin/requests/count"), json: ["colour": "red"])
        let badOutcome = try await client.send("POST", crm.url("/__admin/requests/find"), json: ["outcome": "maybe"])
        let notJSON = try await client.send("POST", crm.url("/__admin/requests/find"), body: Array("route=x".utf8))
        let badWait = try await client.send("POST", crm.url("/__admin/requests/count"), json: ["wait_ms": -1])

        #expect([unknownKey.status, badOutcome.status, notJSON.status, badWait.status] == [400, 400, 400, 400])
        #expect(try unknownKey.json()["message"]?.stringValue?.contains("colour") == true)
        #expect(try badOutcome.json()["message"]?.stringValue?.contains("outcome") == true)
        #expect(try badWait.json()["message"]?.stringValue?.contains("wait_ms") == true)
    }

    @Test func postFind_ReturnsTheMatchingRequests() async throws {
        let crm = try MockSystem.make("crm")
        defer { crm.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }
        try await Self.sendTraffic(client, to: crm)

        let response = try await client.send("POST", crm.url("/__admin/requests/find"), json: ["route": "create_callback", "outcome": "rejected"])

        #expect(response.status == 200)
        #expect(try Self.ids(response) == [2])
        #expect(try response.json()["requests"]?[0]?["body_json"]?["phone_number"] == "12")
        #expect(try response.json()["requests"]?[0]?["status"] == 422)
    }

    @Test func deleteRequests_EmptiesTheJournal_AndIDsKeepIncreasing() async throws {
        let crm = try MockSystem.make("crm")
        defer { crm.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }
        try await Self.sendTraffic(client, to: crm)

        let deleted = try await client.send("DELETE", crm.url("/__admin/requests"))
        let countAfter = try await client.send("GET", crm.url("/__admin/requests/count"))
        _ = try await client.send("GET", crm.url("/callbacks"), headers: Fixture.crmAuth)
        let listed = try await client.send("GET", crm.url("/__admin/requests"))

        #expect(deleted.status == 204)
        #expect(countAfter.bodyText == #"{"count":0}"#)
        #expect(try Self.ids(listed) == [5])
        #expect(crm.records(in: "leads").count == 1, "clearing the journal keeps the records")
    }
}
