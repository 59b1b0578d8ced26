// The built-in ticketing system over loopback: API-key auth, sequential ticket ids, nested validation, inventory.
import HTTPWire
import Testing
@testable import MockSystems

@Suite struct MockSystemTicketingTests {
    @Test func tickets_Answer401_WhenTheAPIKeyIsMissingOrWrong() async throws {
        let ticketing = try MockSystem.make("ticketing")
        defer { ticketing.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }

        let missing = try await client.send("POST", ticketing.url("/tickets"), json: Fixture.ticket())
        let wrong = try await client.send("POST", ticketing.url("/tickets"), headers: ["X-API-Key": "guess"], json: Fixture.ticket())

        #expect(missing.status == 401 && wrong.status == 401)
        #expect(try missing.json()["message"]?.stringValue?.contains("X-API-Key header is missing") == true)
        #expect(try wrong.json()["message"]?.stringValue?.contains("not hold a valid key") == true)
        #expect(ticketing.journal.entries().map(\.auth) == [.missing, .invalid])
        #expect(ticketing.records(in: "tickets").isEmpty)
    }

    @Test func createTicket_GivesSequentialIDs_AndGetTicketReturnsThem() async throws {
        let ticketing = try MockSystem.make("ticketing")
        defer { ticketing.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }

        let first = try await client.send("POST", ticketing.url("/tickets"), headers: Fixture.ticketingAuth, json: Fixture.ticket(subject: "one"))
        let second = try await client.send("POST", ticketing.url("/tickets"), headers: Fixture.ticketingAuth, json: Fixture.ticket(subject: "two"))
        let fetched = try await client.send("GET", ticketing.url("/tickets/T-1002"), headers: Fixture.ticketingAuth)
        let absent = try await client.send("GET", ticketing.url("/tickets/T-9999"), headers: Fixture.ticketingAuth)

        #expect(first.status == 201 && second.status == 201)
        #expect(try first.json()["ticket"]?["id"] == "T-1001")
        #expect(try second.json()["ticket"]?["id"] == "T-1002")
        #expect(try second.json()["ticket"]?["status"] == "open")
        #expect(fetched.status == 200)
        #expect(try fetched.json()["ticket"]?["subject"] == "two")
        #expect(try fetched.json()["ticket"]?["requester"]?["name"] == "Ada Lovelace")
        #expect(absent.status == 404)
        #expect(ticketing.journal.entries().map(\.route) == ["create_ticket", "create_ticket", "get_ticket", "get_ticket"])
    }

    @Test func createTicket_Answers422_NamingNestedFieldsAndEnumViolations() async throws {
        let ticketing = try MockSystem.make("ticketing")
        defer { ticketing.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }
        let badRequester = Fixture.ticket().setting("requester", ["name": "", "phone": "12345"])
        let badPriority = Fixture.ticket().setting("priority", "whenever")
        let requesterNotObject = Fixture.ticket().setting("requester", "Ada")

        let nested = try await client.send("POST", ticketing.url("/tickets"), headers: Fixture.ticketingAuth, json: badRequester)
        let priority = try await client.send("POST", ticketing.url("/tickets"), headers: Fixture.ticketingAuth, json: badPriority)
        let notObject = try await client.send("POST", ticketing.url("/tickets"), headers: Fixture.ticketingAuth, json: requesterNotObject)

        #expect(nested.status == 422 && priority.status == 422 && notObject.status == 422)
        #expect(try Self.fields(nested) == ["requester.name", "requester.phone"])
        #expect(try Self.fields(priority) == ["priority"])
        #expect(try priority.json()["fields"]?[0]?["reason"] == "must be one of: low, normal, high, urgent")
        #expect(try notObject.json()["fields"]?[0]?["reason"] == "must be an object, got string")
        #expect(ticketing.records(in: "tickets").isEmpty)
        #expect(ticketing.journal.entries().allSatisfy { $0.outcome == .rejected })
    }

    @Test func listTickets_FiltersByRequesterPhone() async throws {
        let ticketing = try MockSystem.make("ticketing")
        defer { ticketing.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }
        for (subject, phone) in [("a", "+14155550123"), ("b", "+442071838750"), ("c", "+14155550123")] {
            _ = try await client.send("POST", ticketing.url("/tickets"), headers: Fixture.ticketingAuth, json: Fixture.ticket(subject: subject, phone: phone))
        }

        let mine = try await client.send("GET", ticketing.url("/tickets?phone=" + Fixture.query("+14155550123")), headers: Fixture.ticketingAuth)
        let all = try await client.send("GET", ticketing.url("/tickets"), headers: Fixture.ticketingAuth)

        #expect(try mine.json()["count"] == 2)
        #expect(try mine.json()["tickets"]?.arrayValue?.compactMap { $0["subject"]?.stringValue } == ["a", "c"])
        #expect(try all.json()["count"] == 3)
    }

    @Test func inventory_FindsBySKU_ByQueryAndByBody() async throws {
        let ticketing = try MockSystem.make("ticketing")
        defer { ticketing.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }

        let byQuery = try await client.send("GET", ticketing.url("/inventory?sku=SKU-100"), headers: Fixture.ticketingAuth)
        let byBody = try await client.send("POST", ticketing.url("/inventory"), headers: Fixture.ticketingAuth, json: ["sku": "SKU-200"])
        let unknown = try await client.send("GET", ticketing.url("/inventory?sku=SKU-999"), headers: Fixture.ticketingAuth)
        let missing = try await client.send("GET", ticketing.url("/inventory"), headers: Fixture.ticketingAuth)
        let emptyBody = try await client.send("POST", ticketing.url("/inventory"), headers: Fixture.ticketingAuth, json: ["sku": ""])

        #expect(byQuery.status == 200)
        #expect(try byQuery.json()["item"]?["in_stock"] == 42)
        #expect(byBody.status == 200)
        #expect(try byBody.json()["item"]?["name"] == "Desk phone")
        #expect(unknown.status == 404)
        #expect(try unknown.json()["message"]?.stringValue?.contains("SKU-999") == true)
        #expect(missing.status == 422 && emptyBody.status == 422)
        #expect(try Self.fields(missing) == ["sku"] && Self.fields(emptyBody) == ["sku"])
    }

    private static func fields(_ response: HTTPResponse) throws -> [String] {
        try response.json()["fields"]?.arrayValue?.compactMap { $0["field"]?.stringValue } ?? []
    }
}
