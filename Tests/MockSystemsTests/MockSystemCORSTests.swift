// --cors: preflights answered by the mock, allowed origins on every answer (routes, faults, admin), others refused.
import HTTPWire
import JSONModel
import Testing
@testable import MockSystems

@Suite struct MockSystemCORSTests {
    private static let page = "http://localhost:3000"

    private static func crm(_ origins: String) throws -> MockSystem {
        try MockSystem.make("crm") { $0.cors = try? CORSPolicy(parsing: origins) }
    }

    private static func preflight(origin: String, method: String = "POST") -> HTTPHeaders {
        ["Origin": origin, "Access-Control-Request-Method": method, "Access-Control-Request-Headers": "authorization, content-type"]
    }

    @Test func preflight_FromAnAllowedOrigin_Answers204_WithTheRoutesMethodsAndTheAskedHeaders() async throws {
        let crm = try Self.crm(Self.page)
        defer { crm.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }

        let answer = try await client.send("OPTIONS", crm.url("/callbacks"), headers: Self.preflight(origin: Self.page))

        #expect(answer.status == 204)
        #expect(answer.headers["Access-Control-Allow-Origin"] == Self.page)
        #expect(answer.headers["Access-Control-Allow-Methods"] == "GET, POST")
        #expect(answer.headers["Access-Control-Allow-Headers"] == "authorization, content-type")
        #expect(answer.headers["Access-Control-Max-Age"] == "600")
        #expect(answer.headers["Vary"]?.contains("Origin") == true)
        let journaled = crm.journal.entries()
        #expect(journaled.map(\.answeredBy) == [.admin] && journaled.map(\.status) == [204], "a preflight is journaled as the mock's own answer")
        #expect(crm.collections["leads"]?.counts.held == 0)
    }

    @Test func preflight_FromAnotherOrigin_Answers403_SayingWhichOriginsAreAllowed() async throws {
        let crm = try Self.crm(Self.page)
        defer { crm.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }

        let answer = try await client.send("OPTIONS", crm.url("/callbacks"), headers: Self.preflight(origin: "https://evil.example"))

        #expect(answer.status == 403)
        #expect(answer.headers["Access-Control-Allow-Origin"] == nil)
        let message = try answer.json()["message"]?.stringValue
        #expect(message == "origin 'https://evil.example' may not call this mock; --cors allows: \(Self.page)")
    }

    @Test func answers_ToAnAllowedOrigin_CarryTheHeaders_FromRoutesFaultsAndAdmin() async throws {
        let crm = try Self.crm(Self.page)
        defer { crm.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }
        var headers = Fixture.crmAuth
        headers.add("Origin", Self.page)

        let created = try await client.send("POST", crm.url("/callbacks"), headers: headers, json: Fixture.lead())
        crm.addFault(try FaultRule(json: ["match": ["route": "create_callback"], "action": ["type": "respond", "status": 503]]))
        let faulted = try await client.send("POST", crm.url("/callbacks"), headers: headers, json: Fixture.lead())
        let admin = try await client.send("GET", crm.url("/__admin/requests"), headers: ["Origin": Self.page])
        let other = try await client.send("GET", crm.url("/__admin/requests"), headers: ["Origin": "https://evil.example"])
        let noOrigin = try await client.send("GET", crm.url("/__admin/requests"))

        for answer in [created, faulted, admin] {
            #expect(answer.headers["Access-Control-Allow-Origin"] == Self.page)
            #expect(answer.headers["Access-Control-Expose-Headers"]?.contains("Location") == true)
            #expect(answer.headers["Vary"] == "Origin")
        }
        #expect(created.status == 201 && faulted.status == 503 && admin.status == 200)
        #expect(other.status == 200 && other.headers["Access-Control-Allow-Origin"] == nil)
        #expect(noOrigin.headers["Access-Control-Allow-Origin"] == nil)
    }

    @Test func anyOrigin_IsAStar_WithoutVary() async throws {
        let crm = try Self.crm("*")
        defer { crm.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }

        let preflight = try await client.send("OPTIONS", crm.url("/__admin/faults"), headers: Self.preflight(origin: "https://any.example", method: "DELETE"))
        let answer = try await client.send("GET", crm.url("/__admin"), headers: ["Origin": "https://any.example"])

        #expect(preflight.status == 204 && preflight.headers["Access-Control-Allow-Methods"] == "DELETE, GET, POST")
        #expect(crm.journal.entries().isEmpty, "preflights to the admin API are not journaled, like admin calls")
        #expect(answer.headers["Access-Control-Allow-Origin"] == "*" && answer.headers["Vary"] == nil)
    }

    @Test func withoutCORS_APreflightGoesToTheRoutes_AndNoHeadersAreAdded() async throws {
        let crm = try MockSystem.make("crm")
        defer { crm.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }

        let answer = try await client.send("OPTIONS", crm.url("/callbacks"), headers: Self.preflight(origin: Self.page))

        #expect(answer.status == 405 && answer.headers["Access-Control-Allow-Origin"] == nil)
    }

    @Test(arguments: [
        ("*,http://a.example", "'*' allows every origin and cannot be combined with a list"),
        ("localhost:3000", "'localhost:3000' is not an origin"),
        ("http://a.example/", "'http://a.example/' is not an origin"),
        ("ftp://a.example", "'ftp://a.example' is not an origin"),
        ("http://a.example,", "'' is not an origin"),
    ])
    func policy_RefusesWhatIsNotAnOrigin(_ text: String, _ reason: String) throws {
        let refusal = #expect(throws: CORSPolicyError.self) { try CORSPolicy(parsing: text) }
        #expect(refusal?.reason.hasPrefix(reason) == true, "\(refusal?.reason ?? "accepted")")
        #expect(try CORSPolicy(parsing: "http://a.example, https://b.example:8443").origins == ["http://a.example", "https://b.example:8443"])
    }
}
