// The rest of /__admin: the description, collections, reset, the admin token, and how secrets are shown.
import JSONModel
import HTTPWire
import Testing
@testable import MockSystems

@Suite struct AdminAPIStateTests {
    @Test func getAdmin_DescribesTheSystem() async throws {
        let crm = try MockSystem.make("crm")
        defer { crm.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }
        _ = try await client.send("GET", crm.url("/callbacks"), headers: Fixture.crmAuth)

        let response = try await client.send("GET", try #require(crm.adminURL))

        #expect(response.status == 200)
        let body = try response.json()
        #expect(body["system"] == "crm")
        #expect(body["routes"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == ["create_callback", "list_callbacks", "get_callback", "lookup_contact"])
        #expect(body["routes"]?[2] == ["id": "get_callback", "method": "GET", "path": "/callbacks/{id}"])
        #expect(body["collections"] == ["leads", "contacts"])
        #expect(body["journal"] == ["recorded": 1, "retained": 1, "overflow": 0])
    }

    @Test func unknownAdminEndpoint_Answers404() async throws {
        let crm = try MockSystem.make("crm")
        defer { crm.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }

        let unknown = try await client.send("GET", crm.url("/__admin/nothing"))
        let unknownCollection = try await client.send("GET", crm.url("/__admin/collections/orders"))

        #expect(unknown.status == 404 && unknownCollection.status == 404)
        #expect(try unknownCollection.json()["message"]?.stringValue?.contains("contacts, leads") == true)
        #expect(crm.journal.stats.recorded == 0, "admin requests are not journaled")
    }

    @Test func getCollection_ListsRecordsHeldAndEvicted() async throws {
        let crm = try MockSystem.make("crm")
        defer { crm.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }
        let created = try await client.send("POST", crm.url("/callbacks"), headers: Fixture.crmAuth, json: Fixture.lead())
        let lead = try #require(try created.json()["lead"])

        let leads = try await client.send("GET", crm.url("/__admin/collections/leads"))
        let contacts = try await client.send("GET", crm.url("/__admin/collections/contacts"))

        #expect(leads.status == 200)
        #expect(try leads.json()["records"] == .array([lead]))
        #expect(try leads.json()["held"] == 1 && leads.json()["evicted"] == 0)
        #expect(try contacts.json()["records"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == ["contact_1001", "contact_1002"])
    }

    @Test func postReset_BringsCollectionsBackToTheSeed_AndClearsJournalAndFaults() async throws {
        let ticketing = try MockSystem.make("ticketing")
        defer { ticketing.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }
        _ = try await client.send("POST", ticketing.url("/tickets"), headers: Fixture.ticketingAuth, json: Fixture.ticket())
        _ = try await client.send("POST", ticketing.url("/__admin/faults"), json: ["match": ["path": "/inventory"], "action": ["type": "reset"]])

        let reset = try await client.send("POST", ticketing.url("/__admin/reset"))
        let tickets = try await client.send("GET", ticketing.url("/__admin/collections/tickets"))
        let inventory = try await client.send("GET", ticketing.url("/__admin/collections/inventory"))
        let faults = try await client.send("GET", ticketing.url("/__admin/faults"))
        let count = try await client.send("GET", ticketing.url("/__admin/requests/count"))
        let again = try await client.send("POST", ticketing.url("/tickets"), headers: Fixture.ticketingAuth, json: Fixture.ticket())
        let item = try await client.send("GET", ticketing.url("/inventory?sku=SKU-100"), headers: Fixture.ticketingAuth)

        #expect(reset.status == 204)
        #expect(try tickets.json()["records"] == [])
        #expect(try inventory.json()["records"]?.arrayValue?.count == 2)
        #expect(try faults.json()["faults"] == [])
        #expect(count.bodyText == #"{"count":0}"#)
        #expect(try again.json()["ticket"]?["id"] == "T-1001", "the id sequence starts again")
        #expect(item.status == 200, "the reset fault rule is gone")
    }

    @Test func adminToken_IsRequired_AsBearerOrXAdminToken() async throws {
        let crm = try MockSystem.make("crm") { $0.adminToken = "admin-secret" }
        defer { crm.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }
        let count = crm.url("/__admin/requests/count")

        let without = try await client.send("GET", count)
        let wrong = try await client.send("GET", count, headers: ["Authorization": "Bearer guess"])
        let crmToken = try await client.send("GET", count, headers: Fixture.crmAuth)
        let bearer = try await client.send("GET", count, headers: ["Authorization": "Bearer admin-secret"])
        let header = try await client.send("GET", count, headers: ["X-Admin-Token": "admin-secret"])
        let reset = try await client.send("POST", crm.url("/__admin/reset"))

        #expect([without.status, wrong.status, crmToken.status, reset.status] == [401, 401, 401, 401])
        #expect(try without.json()["error"] == "unauthorized")
        #expect(bearer.status == 200 && header.status == 200)
        #expect(bearer.bodyText == #"{"count":0}"#)
    }

    @Test func journalAnswers_MarkCredentialsSecret_AndRevealThemToTheAdmin() async throws {
        let ticketing = try MockSystem.make("ticketing")
        defer { ticketing.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }
        _ = try await client.send("GET", ticketing.url("/tickets"),
                                  headers: Fixture.ticketingAuth.adding("Authorization", "Bearer other").adding("X-Plain", "visible"))

        let listed = try await client.send("GET", ticketing.url("/__admin/requests"))

        let headers = try #require(try listed.json()["requests"]?[0]?["headers"]?.arrayValue)
        func header(_ name: String) -> JSONValue? { headers.first { $0["name"]?.stringValue == name } }
        #expect(header("X-API-Key") == ["name": "X-API-Key", "value": "ticketing-key", "secret": true])
        #expect(header("Authorization") == ["name": "Authorization", "value": "Bearer other", "secret": true])
        #expect(header("X-Plain")?["secret"] == false)
    }
}
