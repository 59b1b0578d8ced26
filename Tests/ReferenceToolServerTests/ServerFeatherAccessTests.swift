// End to end over loopback: the API key, unknown ids, the tool lifecycle and list pagination (feather dialect).
import Foundation
import HTTPWire
import JSONModel
import MockSystems
import Testing
@testable import ReferenceToolServer

@Suite struct ServerFeatherAccessTests {
    /// A valid tool whose CRM is never called (these tests do not execute).
    static func tool(_ name: String = "create_callback_lead") -> JSONValue {
        [
            "name": .string(name), "tool_type": "api_call",
            "configuration": ["url": "http://127.0.0.1:1/callbacks", "method": "POST",
                              "headers": [["key": "Authorization", "value": "Bearer crm-token", "secure": true]]],
        ]
    }

    // auth.api-key
    @Test func authAPIKey_AcceptsXAPIKeyAndBearer() async throws {
        let harness = try ServerHarness.start()
        defer { harness.stop() }

        let byHeader = try await harness.request("GET", "/v1/tools", headers: ["x-api-key": ServerHarness.apiKey])
        let byBearer = try await harness.request("GET", "/v1/tools", headers: ["Authorization": "Bearer \(ServerHarness.apiKey)"])

        #expect(byHeader.status == 200 && byHeader.json["items"] == [])
        #expect(byBearer.status == 200 && byBearer.json["items"] == [])
    }

    // auth.api-key, errors.shape: missing or wrong key -> 401 ErrorResponse, and nothing is created.
    @Test(arguments: [
        ("missing", HTTPHeaders()),
        ("wrong x-api-key", ["x-api-key": "tsk_wrong"]),
        ("wrong bearer", ["Authorization": "Bearer tsk_wrong"]),
        ("empty bearer", ["Authorization": "Bearer "]),
    ] as [(String, HTTPHeaders)])
    func authAPIKey_Refuses401_WhenMissingOrWrong(_ label: String, _ headers: HTTPHeaders) async throws {
        let harness = try ServerHarness.start()
        defer { harness.stop() }

        let list = try await harness.request("GET", "/v1/tools", headers: headers)
        let create = try await harness.request("POST", "/v1/tools", json: Self.tool(), headers: headers)
        let stored = try await harness.request("GET", "/v1/tools")

        for reply in [list, create] {
            #expect(reply.status == 401, "\(label)")
            #expect(reply.isErrorResponse && reply.json["error"] == "unauthorized", "\(label): \(reply.text)")
            #expect(!reply.contains(ServerHarness.apiKey), "\(label)")
        }
        #expect(stored.json["items"] == [], "\(label)")
    }

    // errors.unknown-id
    @Test func errorsUnknownID_Answer404_ForToolAndRevision() async throws {
        let harness = try ServerHarness.start()
        defer { harness.stop() }
        let missing = "00000000-0000-4000-8000-00000000dead"

        let replies = [
            try await harness.request("GET", "/v1/tools/\(missing)"),
            try await harness.request("PUT", "/v1/tools/\(missing)", json: ["name": "x"]),
            try await harness.request("DELETE", "/v1/tools/\(missing)"),
            try await harness.request("POST", "/v1/tools/\(missing)/execute", json: ["input": [:]]),
            try await harness.request("GET", "/v1/tools/\(missing)/revisions"),
            try await harness.request("GET", "/v1/tools/revisions/\(missing)"),
            try await harness.request("DELETE", "/v1/tools/revisions/\(missing)"),
        ]

        for reply in replies {
            #expect(reply.status == 404 && reply.isErrorResponse && reply.json["error"] == "not_found", "\(reply.text)")
        }
    }

    // lifecycle.create, lifecycle.update (PUT changes only name/description/tool_type/metadata), lifecycle.delete
    @Test func lifecycle_CreateGetUpdateDelete() async throws {
        let harness = try ServerHarness.start()
        defer { harness.stop() }

        let created = try await harness.request("POST", "/v1/tools", json: Self.tool())
        let id = try #require(created.json["id"]?.stringValue)
        let fetched = try await harness.request("GET", "/v1/tools/\(id)")
        #expect(created.status == 201 && fetched.status == 200)
        #expect(fetched.json == created.json)
        #expect(fetched.json["name"] == "create_callback_lead" && fetched.json["tool_type"] == "api_call")
        #expect(fetched.json["active_revision"]?["configuration"]?["url"] == "http://127.0.0.1:1/callbacks")

        let updated = try await harness.request("PUT", "/v1/tools/\(id)", json: [
            "name": "save_lead", "description": "Renamed", "metadata": ["team": "sales"],
            "configuration": ["url": "http://127.0.0.1:2/other", "method": "GET"],
        ])
        let afterUpdate = try await harness.request("GET", "/v1/tools/\(id)")
        #expect(updated.status == 200)
        #expect(afterUpdate.json["name"] == "save_lead" && afterUpdate.json["description"] == "Renamed")
        #expect(afterUpdate.json["metadata"] == ["team": "sales"])
        // The configuration is a revision's business: PUT leaves it (and the active revision) alone.
        #expect(afterUpdate.json["active_revision"] == created.json["active_revision"])
        #expect(afterUpdate.json["active_revision_id"] == created.json["active_revision_id"])

        let deleted = try await harness.request("DELETE", "/v1/tools/\(id)")
        let gone = try await harness.request("GET", "/v1/tools/\(id)")
        let list = try await harness.request("GET", "/v1/tools")
        #expect(deleted.status == 204 && deleted.response.body.isEmpty)
        #expect(gone.status == 404)
        #expect(list.status == 200 && list.json["items"] == [])
    }

    // list.limit: outside 1-200 (or not a number) -> 422 at ["query", "limit"].
    @Test(arguments: ["0", "201", "x", "-1"])
    func listLimit_Outside1To200_Is422AtQueryLimit(_ limit: String) async throws {
        let harness = try ServerHarness.start()
        defer { harness.stop() }

        let reply = try await harness.request("GET", "/v1/tools?limit=\(limit)")

        #expect(reply.status == 422)
        #expect(reply.detailLocations == ["query.limit"], "\(reply.text)")
    }

    // list.limit (bounds accepted), list.pagination: 7 tools, limit 3 -> every tool exactly once, in creation order.
    @Test func listPagination_ReturnsEveryToolExactlyOnce() async throws {
        let harness = try ServerHarness.start()
        defer { harness.stop() }
        var created: [String] = []
        for index in 1...7 { created.append(try await harness.createTool(Self.tool("tool_\(index)"))) }

        var seen: [String] = []
        var pages: [(count: Int, hasMore: Bool)] = []
        var path = "/v1/tools?limit=3"
        for _ in 0..<10 {
            let reply = try await harness.request("GET", path)
            #expect(reply.status == 200)
            let items = reply.json["items"]?.arrayValue ?? []
            seen += items.compactMap { $0["id"]?.stringValue }
            let hasMore = reply.json["has_more"]?.boolValue ?? false
            pages.append((items.count, hasMore))
            guard hasMore, let cursor = reply.json["next_cursor"]?.stringValue else {
                #expect(reply.json["next_cursor"] == .null)
                break
            }
            path = "/v1/tools?limit=3&cursor=\(cursor.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? cursor)"
        }

        #expect(seen == created)
        #expect(pages.map(\.count) == [3, 3, 1] && pages.map(\.hasMore) == [true, true, false])
        let all = try await harness.request("GET", "/v1/tools?limit=200")
        let one = try await harness.request("GET", "/v1/tools?limit=1")
        #expect(all.json["items"]?.arrayValue?.count == 7 && all.json["has_more"] == false)
        #expect(one.json["items"]?.arrayValue?.count == 1 && one.json["has_more"] == true)
    }
}
