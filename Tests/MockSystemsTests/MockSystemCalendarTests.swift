// The shipped calendar example end to end: conditional answers on the stored state, update and delete actions,
// and the state seen and reset through the admin API.
import Foundation
import HTTPWire
import JSONModel
@testable import MockSystems
import Testing

@Suite struct MockSystemCalendarTests {
    static let auth: HTTPHeaders = ["Authorization": "Bearer calendar-token"]

    static func calendar() throws -> MockSystem {
        let file = MockDefinitionBuiltinTests.mocksFolder.appendingPathComponent("examples/calendar.json")
        return try MockSystem.make(definition: try MockDefinition.load(contentsOf: file))
    }

    static func booking(_ slot: String, name: String = "Ada Lovelace") -> JSONValue {
        ["name": .string(name), "phone_number": "+14155550123", "slot": .string(slot)]
    }

    @Test func aTakenSlot_Answers409_NamingTheBooking_AndStoresNothing() async throws {
        let calendar = try Self.calendar()
        defer { calendar.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }

        let first = try await client.send("POST", calendar.url("/bookings"), headers: Self.auth, json: Self.booking("2026-12-08T10:00"))
        let second = try await client.send("POST", calendar.url("/bookings"), headers: Self.auth,
                                           json: Self.booking("2026-12-08T10:00", name: "Grace Hopper"))
        let seeded = try await client.send("POST", calendar.url("/bookings"), headers: Self.auth, json: Self.booking("2026-12-07T09:00"))
        let other = try await client.send("POST", calendar.url("/bookings"), headers: Self.auth, json: Self.booking("2026-12-08T11:00"))

        #expect(first.status == 201 && first.headers["Location"] == "/bookings/bk_1001")
        #expect(try first.json()["status"] == "booked" && first.json()["slot"] == "2026-12-08T10:00")
        #expect(second.status == 409)
        #expect(try second.json() == ["error": "slot_taken", "message": "2026-12-08T10:00 is already booked", "booking_id": "bk_1001"])
        #expect(try seeded.status == 409 && seeded.json()["booking_id"] == "bk_1000")
        #expect(other.status == 201)
        #expect(calendar.collections["bookings"]?.list().count == 3)
        let refusals = calendar.journal.find(matching: RequestMatcher(route: "book", outcome: .rejected))
        #expect(refusals.map(\.status) == [409, 409], "a conditional refusal is the route's answer")
    }

    @Test func update_MovesABooking_409sOnATakenSlot_404sOnAnUnknownOne() async throws {
        let calendar = try Self.calendar()
        defer { calendar.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }
        _ = try await client.send("POST", calendar.url("/bookings"), headers: Self.auth, json: Self.booking("2026-12-08T10:00"))

        let moved = try await client.send("PATCH", calendar.url("/bookings/bk_1001"), headers: Self.auth, json: ["slot": "2026-12-09T15:30"])
        let clash = try await client.send("PATCH", calendar.url("/bookings/bk_1001"), headers: Self.auth, json: ["slot": "2026-12-07T09:00"])
        let unknown = try await client.send("PATCH", calendar.url("/bookings/bk_9"), headers: Self.auth, json: ["slot": "2026-12-10T08:00"])
        let invalid = try await client.send("PATCH", calendar.url("/bookings/bk_1001"), headers: Self.auth, json: ["slot": "tomorrow"])
        let stored = try #require(calendar.collections["bookings"]?.get("bk_1001"))

        #expect(try moved.status == 200 && (moved.json()["slot"]) == "2026-12-09T15:30")
        #expect(try moved.json()["id"] == "bk_1001" && moved.json()["name"] == "Ada Lovelace" && moved.json()["updated_at"]?.stringValue != nil)
        #expect(try clash.status == 409 && (clash.json()["booking_id"]) == "bk_1000")
        #expect(try unknown.status == 404 && (unknown.json()["message"]) == "no bookings record with id 'bk_9'")
        #expect(invalid.status == 422)
        #expect(stored["slot"] == "2026-12-09T15:30", "only the successful move changed the record")
    }

    @Test func cancel_FreesTheSlot_AndASecondCancelIsAConflict() async throws {
        let calendar = try Self.calendar()
        defer { calendar.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }

        let cancelled = try await client.send("POST", calendar.url("/bookings/bk_1000/cancel"), headers: Self.auth)
        let again = try await client.send("POST", calendar.url("/bookings/bk_1000/cancel"), headers: Self.auth)
        let rebooked = try await client.send("POST", calendar.url("/bookings"), headers: Self.auth, json: Self.booking("2026-12-07T09:00"))
        let listed = try await client.send("GET", calendar.url("/bookings?slot=2026-12-07T09:00&status=booked"), headers: Self.auth)

        #expect(try cancelled.status == 200 && (cancelled.json()["status"]) == "cancelled")
        #expect(try again.status == 409 && (again.json()["error"]) == "already_cancelled")
        #expect(try again.json()["message"]?.stringValue?.hasPrefix("booking bk_1000 was cancelled at 20") == true)
        #expect(rebooked.status == 201, "a cancelled booking no longer holds its slot")
        #expect(try listed.json()["count"] == 1 && listed.json()["bookings"]?[0]?["id"] == "bk_1001")
    }

    @Test func delete_RemovesTheRecord_ThenAnswers404() async throws {
        let calendar = try Self.calendar()
        defer { calendar.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }

        let deleted = try await client.send("DELETE", calendar.url("/bookings/bk_1000"), headers: Self.auth)
        let read = try await client.send("GET", calendar.url("/bookings/bk_1000"), headers: Self.auth)
        let again = try await client.send("DELETE", calendar.url("/bookings/bk_1000"), headers: Self.auth)
        let listed = try await client.send("GET", calendar.url("/bookings"), headers: Self.auth)

        #expect(deleted.status == 204 && deleted.body.isEmpty)
        #expect(read.status == 404 && again.status == 404)
        #expect(try listed.json()["count"] == 0)
    }

    @Test func theState_IsListedAndResetThroughTheAdminAPI() async throws {
        let calendar = try Self.calendar()
        defer { calendar.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }
        _ = try await client.send("POST", calendar.url("/bookings"), headers: Self.auth, json: Self.booking("2026-12-08T10:00"))

        let before = try await client.send("GET", calendar.url("/__admin/collections"))
        let reset = try await client.send("DELETE", calendar.url("/__admin/collections/bookings"))
        let after = try await client.send("GET", calendar.url("/__admin/collections/bookings"))
        let unknown = try await client.send("DELETE", calendar.url("/__admin/collections/rooms"))

        #expect(try before.json() == ["collections": ["bookings": ["held": 2, "evicted": 0]]])
        #expect(reset.status == 204)
        #expect(try after.json()["held"] == 1 && after.json()["records"]?[0]?["id"] == "bk_1000", "back to the seed")
        #expect(unknown.status == 404 && unknown.bodyText.contains("have: bookings"))
    }

    /// Conditions on the body, query and headers, `missing`, the first matching answer winning, and an action
    /// chosen by a conditional answer.
    @Test func conditions_OnBodyQueryHeadersAndMissingRecords_FirstMatchWins() async throws {
        let json = #"""
        {"name": "gate", "collections": {"passes": {"id_prefix": "p", "id_sequence_start": 1}},
         "routes": [{"id": "enter", "method": "POST", "path": "/enter", "auth": false,
           "when": [
             {"if": {"headers": {"X-Mode": "maintenance"}}, "response": {"status": 503, "body": {"why": "maintenance"}}},
             {"if": {"query": {"dry_run": "true"}}, "response": {"status": 200, "body": {"why": "dry run"}}},
             {"if": {"body": {"visitor.tier": "vip", "count": 2}}, "action": {"create": "passes", "fields": {"tier": "vip"}},
              "response": {"status": 201, "body": {"why": "vip", "pass": "{{record.id}}"}}},
             {"if": {"missing": {"collection": "passes", "where": {"tier": "vip"}}}, "response": {"status": 403, "body": {"why": "no vip yet"}}}
           ],
           "action": {"create": "passes"}, "response": {"status": 201, "body": {"why": "default", "pass": "{{record.id}}"}}}]}
        """#
        let gate = try MockSystem.make(definition: try MockDefinition.load(json: Array(json.utf8), file: "gate.json"))
        defer { gate.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }
        func why(_ path: String, headers: HTTPHeaders = [:], _ body: JSONValue) async throws -> (Int, JSONValue?) {
            let answer = try await client.send("POST", gate.url(path), headers: headers, json: body)
            return (answer.status, try answer.json()["why"])
        }

        let maintenance = try await why("/enter?dry_run=true", headers: ["x-mode": "maintenance"], ["count": 2])
        let dryRun = try await why("/enter?dry_run=true", ["visitor": ["tier": "vip"], "count": 2])
        let noVIP = try await why("/enter", ["visitor": ["tier": "basic"]])
        let vip = try await why("/enter", ["visitor": ["tier": "vip"], "count": 2.0])
        let afterVIP = try await why("/enter", ["visitor": ["tier": "basic"]])

        #expect(maintenance == (503, "maintenance"))
        #expect(dryRun == (200, "dry run"))
        #expect(noVIP == (403, "no vip yet"))
        #expect(vip == (201, "vip"), "numbers compare by value: 2.0 equals 2")
        #expect(afterVIP == (201, "default"))
        #expect(gate.collections["passes"]?.list().map { $0["tier"] } == ["vip", nil])
    }
}
