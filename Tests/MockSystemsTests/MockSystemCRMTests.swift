// The built-in CRM over loopback: creating leads, validation, bearer auth, listing, lookup, 404 and 405.
import JSONModel
import HTTPWire
import Testing
@testable import MockSystems

@Suite struct MockSystemCRMTests {
    @Test func createCallback_Answers201_StoresAndJournalsTheLead() async throws {
        let crm = try MockSystem.make("crm")
        defer { crm.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }

        let response = try await client.send("POST", crm.url("/callbacks"), headers: Fixture.crmAuth, json: Fixture.lead())

        #expect(response.status == 201)
        let body = try response.json()
        let id = try #require(body["id"]?.stringValue)
        #expect(id.hasPrefix("lead_") && id.count == "lead_".count + 12)
        #expect(body["status"] == "queued")
        #expect(body["lead"]?["id"] == .string(id))
        #expect(body["lead"]?["phone_number"] == "+14155550123")
        #expect(body["lead"]?["status"] == "queued")
        #expect(body["lead"]?["created_at"]?.stringValue != nil)
        #expect(crm.records(in: "leads").map { $0["id"] } == [.string(id)])
        let entry = try #require(crm.journal.entries().only)
        #expect(entry.route == "create_callback")
        #expect(entry.auth == .accepted)
        #expect(entry.validation == .passed)
        #expect(entry.status == 201 && entry.completed && entry.outcome == .accepted)
        #expect(try JSONValue.parse(entry.body) == Fixture.lead())
    }

    /// A lead with one or more bad fields, and every field the 422 must name.
    struct BadLead: Sendable, CustomTestStringConvertible {
        var label: String
        var body: JSONValue
        var fields: [String]
        var testDescription: String { label }
    }

    static let badLeads: [BadLead] = [
        BadLead(label: "empty object", body: [:], fields: ["name", "company", "reason", "phone_number"]),
        BadLead(label: "missing name", body: Fixture.lead().removing("name"), fields: ["name"]),
        BadLead(label: "empty company", body: Fixture.lead().setting("company", ""), fields: ["company"]),
        BadLead(label: "null reason", body: Fixture.lead().setting("reason", .null), fields: ["reason"]),
        BadLead(label: "phone not E.164", body: Fixture.lead().setting("phone_number", "555-0123"), fields: ["phone_number"]),
        BadLead(label: "name not a string", body: Fixture.lead().setting("name", 42), fields: ["name"]),
        BadLead(label: "reason too long", body: Fixture.lead().setting("reason", .string(String(repeating: "x", count: 2001))), fields: ["reason"]),
        BadLead(label: "two bad fields", body: Fixture.lead().setting("name", "").setting("phone_number", "0044"), fields: ["name", "phone_number"]),
    ]

    @Test(arguments: badLeads)
    func createCallback_Answers422NamingEveryBadField_AndStoresNothing(_ lead: BadLead) async throws {
        let crm = try MockSystem.make("crm")
        defer { crm.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }

        let response = try await client.send("POST", crm.url("/callbacks"), headers: Fixture.crmAuth, json: lead.body)

        #expect(response.status == 422)
        let body = try response.json()
        #expect(body["error"] == "validation_failed")
        #expect(body["fields"]?.arrayValue?.compactMap { $0["field"]?.stringValue } == lead.fields)
        for field in lead.fields { #expect(body["message"]?.stringValue?.contains(field) == true) }
        #expect(crm.records(in: "leads").isEmpty)
        let entry = try #require(crm.journal.entries().only)
        #expect(entry.outcome == .rejected && entry.status == 422 && entry.route == "create_callback")
        guard case let .failed(errors) = entry.validation else {
            Issue.record("validation was \(entry.validation.name), not failed")
            return
        }
        #expect(errors.map(\.field) == lead.fields)
    }

    @Test func createCallback_Answers400_ForInvalidJSON_And422_ForANonObject() async throws {
        let crm = try MockSystem.make("crm")
        defer { crm.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }

        let broken = try await client.send("POST", crm.url("/callbacks"), headers: Fixture.crmAuth, body: Array(#"{"name": "#.utf8))
        let array = try await client.send("POST", crm.url("/callbacks"), headers: Fixture.crmAuth, json: [1, 2])
        let empty = try await client.send("POST", crm.url("/callbacks"), headers: Fixture.crmAuth)

        #expect(broken.status == 400)
        #expect(try broken.json()["error"] == "invalid_json")
        #expect(array.status == 422 && empty.status == 422)
        #expect(crm.records(in: "leads").isEmpty)
        #expect(crm.journal.entries().map(\.outcome) == [.rejected, .rejected, .rejected])
    }

    @Test func createCallback_Answers401WithWWWAuthenticate_ForAMissingOrWrongToken() async throws {
        let crm = try MockSystem.make("crm")
        defer { crm.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }

        let missing = try await client.send("POST", crm.url("/callbacks"), json: Fixture.lead())
        let wrong = try await client.send("POST", crm.url("/callbacks"), headers: ["Authorization": "Bearer nope"], json: Fixture.lead())
        let basic = try await client.send("POST", crm.url("/callbacks"), headers: ["Authorization": "Basic Y3JtLXRva2Vu"], json: Fixture.lead())

        #expect(missing.status == 401 && wrong.status == 401 && basic.status == 401)
        #expect(missing.headers["WWW-Authenticate"] == #"Bearer realm="crm""#)
        #expect(wrong.headers["WWW-Authenticate"] == #"Bearer realm="crm", error="invalid_token""#)
        #expect(try wrong.json()["error"] == "invalid_token")
        #expect(crm.records(in: "leads").isEmpty)
        #expect(crm.journal.entries().map(\.auth) == [.missing, .invalid, .missing])
        #expect(crm.journal.entries().allSatisfy { $0.outcome == .rejected && $0.validation == .notChecked })
    }

    @Test func listAndGetCallbacks_ReturnStoredLeads_FilteredByPhone() async throws {
        let crm = try MockSystem.make("crm")
        defer { crm.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }
        let first = try await client.send("POST", crm.url("/callbacks"), headers: Fixture.crmAuth, json: Fixture.lead(name: "Ada"))
        _ = try await client.send("POST", crm.url("/callbacks"), headers: Fixture.crmAuth,
                                  json: Fixture.lead(name: "Grace", phone: "+442071838750"))
        let firstID = try #require(try first.json()["id"]?.stringValue)

        let all = try await client.send("GET", crm.url("/callbacks"), headers: Fixture.crmAuth)
        let filtered = try await client.send("GET", crm.url("/callbacks?phone_number=" + Fixture.query("+442071838750")), headers: Fixture.crmAuth)
        let one = try await client.send("GET", crm.url("/callbacks/" + firstID), headers: Fixture.crmAuth)
        let absent = try await client.send("GET", crm.url("/callbacks/lead_000000000000"), headers: Fixture.crmAuth)

        #expect(all.status == 200)
        #expect(try all.json()["count"] == 2)
        #expect(try all.json()["items"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["Ada", "Grace"])
        #expect(try filtered.json()["count"] == 1, "\(filtered.bodyText)")
        #expect(try filtered.json()["items"]?[0]?["name"] == "Grace")
        #expect(one.status == 200)
        #expect(try one.json()["name"] == "Ada" && one.json()["id"] == .string(firstID))
        #expect(absent.status == 404)
        #expect(try absent.json()["message"]?.stringValue?.contains("lead_000000000000") == true)
        #expect(crm.journal.entries().compactMap(\.route) == ["create_callback", "create_callback", "list_callbacks",
                                                             "list_callbacks", "get_callback", "get_callback"])
    }

    @Test func lookupContact_FindsSeededContact_404sUnknown_422sABadPhone() async throws {
        let crm = try MockSystem.make("crm")
        defer { crm.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }
        let lookup = crm.url("/contacts/lookup")

        let found = try await client.send("GET", lookup + "?phone=" + Fixture.query("+14155550123"), headers: Fixture.crmAuth)
        let unknown = try await client.send("GET", lookup + "?phone=" + Fixture.query("+19995550000"), headers: Fixture.crmAuth)
        let missing = try await client.send("GET", lookup, headers: Fixture.crmAuth)
        let invalid = try await client.send("GET", lookup + "?phone=12345", headers: Fixture.crmAuth)

        #expect(found.status == 200)
        #expect(try found.json()["contact"]?["id"] == "contact_1001")
        #expect(try found.json()["contact"]?["tier"] == "gold")
        #expect(unknown.status == 404)
        #expect(missing.status == 422 && invalid.status == 422)
        #expect(try missing.json()["fields"]?[0]?["field"] == "phone")
        #expect(try invalid.json()["fields"]?[0]?["reason"]?.stringValue?.contains("E.164") == true)
    }

    @Test func unroutedRequests_Answer404ForAnUnknownPath_405WithAllowForAnotherMethod() async throws {
        let crm = try MockSystem.make("crm")
        defer { crm.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }

        let unknown = try await client.send("GET", crm.url("/nothing/here"), headers: Fixture.crmAuth)
        let wrongMethod = try await client.send("DELETE", crm.url("/callbacks"), headers: Fixture.crmAuth)

        #expect(unknown.status == 404)
        #expect(try unknown.json()["error"] == "not_found")
        #expect(wrongMethod.status == 405)
        #expect(wrongMethod.headers["Allow"] == "POST, GET")
        #expect(crm.journal.entries().map(\.route) == [nil, nil])
        #expect(crm.journal.entries().map(\.status) == [404, 405])
    }
}
