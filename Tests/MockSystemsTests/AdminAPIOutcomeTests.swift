// What the journal says answered each request: outcome, status and answered_by over real sockets.
import HTTPWire
import JSONModel
import Testing
@testable import MockSystems

@Suite struct AdminAPIOutcomeTests {
    private static func count(_ client: HTTPClient, _ crm: MockSystem, _ matcher: JSONValue) async throws -> Int? {
        try await client.send("POST", crm.url("/__admin/requests/count"), json: matcher).json()["count"]?.intValue
    }

    /// Two stored leads among requests that were not: a 404, a 405, a 401, a 422, a fault's 503 and a reset.
    @Test func acceptedCountsOnlyWhatARouteTookIn_AndEveryOtherAnswerSaysWhoGaveIt() async throws {
        let crm = try MockSystem.make("crm")
        defer { crm.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }
        crm.addFault(try FaultRule(json: ["id": "busy", "match": ["header": ["name": "X-Fault", "value": "503"]],
                                          "action": ["type": "respond", "status": 503]]))
        crm.addFault(try FaultRule(json: ["id": "cut", "match": ["header": ["name": "X-Fault", "value": "reset"]],
                                          "action": ["type": "reset"]]))

        let stored = [try await client.send("POST", crm.url("/callbacks"), headers: Fixture.crmAuth, json: Fixture.lead()),
                      try await client.send("POST", crm.url("/callbacks"), headers: Fixture.crmAuth, json: Fixture.lead(name: "Two"))]
        let nowhere = try await client.send("POST", crm.url("/nowhere"), headers: Fixture.crmAuth, json: Fixture.lead())
        let wrongMethod = try await client.send("PATCH", crm.url("/callbacks"), headers: Fixture.crmAuth, json: Fixture.lead())
        let noAuth = try await client.send("POST", crm.url("/callbacks"), json: Fixture.lead())
        let invalid = try await client.send("POST", crm.url("/callbacks"), headers: Fixture.crmAuth, json: ["name": 1])
        var faulted = Fixture.crmAuth
        faulted.add("X-Fault", "503")
        let busy = try await client.send("POST", crm.url("/callbacks"), headers: faulted, json: Fixture.lead())
        var cut = Fixture.crmAuth
        cut.add("X-Fault", "reset")
        cut.add("Content-Type", "application/json")
        let reset = await client.outcome("POST", crm.url("/callbacks"), headers: cut, body: Fixture.lead().encoded())

        #expect(stored.map(\.status) == [201, 201] && nowhere.status == 404 && wrongMethod.status == 405)
        #expect(noAuth.status == 401 && invalid.status == 422 && busy.status == 503)
        if case let .success(answer) = reset { Issue.record("the reset request was answered \(answer.status)") }
        #expect(try await Self.count(client, crm, ["outcome": "accepted"]) == 2)
        #expect(try await Self.count(client, crm, ["outcome": "rejected"]) == 2)
        #expect(try await Self.count(client, crm, ["answered_by": "route"]) == 4)
        #expect(try await Self.count(client, crm, ["answered_by": "admin"]) == 2)
        #expect(try await Self.count(client, crm, ["answered_by": "fault"]) == 2)
        #expect(try await Self.count(client, crm, ["status": 201]) == 2)
        #expect(try await Self.count(client, crm, ["status": "4xx"]) == 4)
        #expect(try await Self.count(client, crm, ["status": "5xx", "answered_by": "fault"]) == 1)
        let unanswered = try await client.send("POST", crm.url("/__admin/requests/find"), json: ["answered_by": "fault", "status": .null])
        #expect(unanswered.status == 400, "status null is not a status: \(unanswered.bodyText)")
    }

    @Test func faultsShowTheirHitsAndRemainingUses() async throws {
        let crm = try MockSystem.make("crm")
        defer { crm.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }
        let faults = crm.url("/__admin/faults")
        _ = try await client.send("POST", faults, json: ["id": "twice", "match": ["route": "create_callback"], "times": 2,
                                                        "action": ["type": "respond", "status": 503]])
        _ = try await client.send("POST", faults, json: ["id": "sequence", "match": ["route": "create_callback"],
                                                        "action": ["type": "status_sequence", "statuses": [500, 502, 504]]])
        _ = try await client.send("POST", faults, json: ["id": "slow", "match": ["route": "get_callback"], "delay_ms": 1])

        var statuses: [Int] = []
        for _ in 0..<3 {
            statuses.append(try await client.send("POST", crm.url("/callbacks"), headers: Fixture.crmAuth, json: Fixture.lead()).status)
        }
        let listed = try await client.send("GET", faults).json()["faults"]?.arrayValue ?? []

        #expect(statuses == [503, 503, 500])
        #expect(listed.map { $0["id"] } == ["twice", "sequence", "slow"])
        #expect(listed.map { $0["matched"] } == [3, 3, 0])
        #expect(listed.map { $0["hits"] } == [2, 1, 0])
        #expect(listed.map { $0["remaining"] } == [0, 2, .null])
        #expect(listed.map { $0["used_up"] } == [true, false, false])
    }
}
