// A user-defined system, written in the test, served end to end: validation, storage and every kind of template.
import Foundation
import HTTPWire
import JSONModel
@testable import MockSystems
import Testing

@Suite struct MockDefinitionCustomTests {
    /// A tiny order system; its templates read the body, query, path, headers, clock and method.
    static let ordersJSON = #"""
    {
      "name": "orders",
      "title": "Orders",
      "auth": {"scheme": "api_key", "header": "X-Shop-Key", "key": "shop-key"},
      "collections": {"orders": {"id_prefix": "ord-", "id_sequence_start": 1, "capacity": 2}},
      "routes": [
        {
          "id": "create_order",
          "method": "POST",
          "path": "/orders",
          "body": {
            "item": {"type": "string", "required": true, "pattern": "^[a-z-]+$"},
            "quantity": {"type": "integer", "required": true},
            "email": {"type": "string", "format": "email"}
          },
          "action": {"create": "orders", "fields": {"label": "{{body.item}} x{{body.quantity}}", "via": "{{request.method}}"}},
          "response": {
            "status": 201,
            "headers": {"Location": "/orders/{{record.id}}", "X-Request-Id": "{{headers.x-request-id}}"},
            "body": {"order": "{{record}}", "quantity": "{{body.quantity}}", "method": "{{request.method}}", "at": "{{now}}",
                     "summary": "{{body.quantity}} of {{body.item}} for request {{headers.x-request-id}}"}
          }
        },
        {
          "id": "get_order",
          "method": "GET",
          "path": "/orders/{id}",
          "action": {"get": "orders"},
          "response": {"body": {"order": "{{record}}", "asked_for": "{{path.id}}", "customer": "{{query.customer}}",
                                "note": "order {{path.id}} for {{query.customer}}{{query.missing}}", "missing": "{{query.missing}}"}}
        },
        {"id": "ping", "method": "*", "path": "/ping/*", "auth": false, "response": {"body": "{{request.method}} pong"}}
      ]
    }
    """#

    private static func makeOrders() throws -> MockSystem {
        try MockSystem.make(definition: MockDefinition.load(json: Array(ordersJSON.utf8), file: "orders.json"))
    }

    private static let key: HTTPHeaders = ["X-Shop-Key": "shop-key"]

    @Test func create_RendersBodyHeaderMethodAndClockTemplates() async throws {
        let orders = try Self.makeOrders()
        defer { orders.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }
        let before = Date()

        let response = try await client.send("POST", orders.url("/orders"), headers: Self.key.adding("X-Request-Id", "req-7"),
                                              json: ["item": "blue-widget", "quantity": 3])
        let after = Date()

        #expect(response.status == 201, "\(response.bodyText)")
        #expect(response.headers["Location"] == "/orders/ord-1")
        #expect(response.headers["X-Request-Id"] == "req-7")
        let body = try response.json()
        #expect(body["order"]?["id"] == "ord-1")
        #expect(body["order"]?["label"] == "blue-widget x3")
        #expect(body["order"]?["via"] == "POST")
        #expect(body["quantity"] == 3, "a lone placeholder keeps its JSON type")
        #expect(body["method"] == "POST")
        #expect(body["summary"] == "3 of blue-widget for request req-7")
        // Same fixed-width RFC 3339 form on both sides, so text order is time order.
        let now = try #require(body["at"]?.stringValue)
        #expect(before.rfc3339Milliseconds <= now && now <= after.rfc3339Milliseconds, "\(now)")
        #expect(body["order"]?["created_at"] == .string(now))
    }

    @Test func get_RendersPathAndQueryTemplates_AndMixedText() async throws {
        let orders = try Self.makeOrders()
        defer { orders.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }
        _ = try await client.send("POST", orders.url("/orders"), headers: Self.key, json: ["item": "gear", "quantity": 1])

        let response = try await client.send("GET", orders.url("/orders/ord-1?customer=Ada%20L"), headers: Self.key)
        let absent = try await client.send("GET", orders.url("/orders/ord-9"), headers: Self.key)

        #expect(response.status == 200)
        let body = try response.json()
        #expect(body["order"]?["label"] == "gear x1")
        #expect(body["asked_for"] == "ord-1")
        #expect(body["customer"] == "Ada L")
        #expect(body["note"] == "order ord-1 for Ada L", "a placeholder naming nothing adds no text")
        #expect(body["missing"] == .null)
        #expect(absent.status == 404)
    }

    @Test func textBody_IsSentAsText_ForAnyMethod_WithoutAuth() async throws {
        let orders = try Self.makeOrders()
        defer { orders.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }

        let response = try await client.send("OPTIONS", orders.url("/ping/deep/path"))

        #expect(response.status == 200)
        #expect(response.bodyText == "OPTIONS pong")
        #expect(response.headers["Content-Type"] == "text/plain; charset=utf-8")
    }

    @Test func create_ValidatesTypesPatternsAndFormats_AndTheKey() async throws {
        let orders = try Self.makeOrders()
        defer { orders.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }

        let invalid = try await client.send("POST", orders.url("/orders"), headers: Self.key,
                                            json: ["item": "Blue Widget", "quantity": 1.5, "email": "nobody"])
        let noKey = try await client.send("POST", orders.url("/orders"), json: ["item": "gear", "quantity": 1])

        #expect(invalid.status == 422)
        #expect(try invalid.json()["fields"]?.arrayValue?.compactMap { $0["field"]?.stringValue } == ["item", "quantity", "email"])
        #expect(try invalid.json()["fields"]?[0]?["reason"] == "must match the pattern ^[a-z-]+$")
        #expect(try invalid.json()["fields"]?[1]?["reason"] == "must be an integer, got number")
        #expect(noKey.status == 401)
        #expect(orders.records(in: "orders").isEmpty)
    }

    @Test func collection_EvictsTheOldest_BeyondItsCapacity() async throws {
        let orders = try Self.makeOrders()
        defer { orders.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }
        for item in ["a", "b", "c"] {
            _ = try await client.send("POST", orders.url("/orders"), headers: Self.key, json: ["item": .string(item), "quantity": 1])
        }

        let collection = try await client.send("GET", orders.url("/__admin/collections/orders"))
        let evicted = try await client.send("GET", orders.url("/orders/ord-1"), headers: Self.key)

        #expect(try collection.json()["records"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == ["ord-2", "ord-3"])
        #expect(try collection.json()["held"] == 2 && collection.json()["evicted"] == 1)
        #expect(evicted.status == 404)
    }
}
