// End to end over loopback: input types and coercion, input_defaults, placeholders, Retry-After, and logs without secrets.
import Foundation
import HTTPWire
import JSONModel
import MockSystems
import Testing
@testable import ReferenceToolServer

@Suite struct ServerFeatherMoreTests {
    /// A started built-in webhook mock (records any request, answers 200); stop it with `defer { webhook.stop() }`.
    static func startWebhook() throws -> MockSystem { try ExecutionFixture.system("webhook") }

    /// A POST tool to `webhook` + `path` with `variables` (name -> type) and `body`, plus optional extras.
    static func tool(webhook: MockSystem, path: String = "/hook", variables: [(String, String)], body: JSONValue,
                     extra: JSONObject = [:], configuration: JSONObject = [:]) -> JSONValue {
        var settings: JSONObject = [
            "url": .string((webhook.baseURL ?? "http://127.0.0.1:1") + path), "method": "POST", "body": body, "timeout": 5,
            "variables": .array(variables.map { ["name": .string($0.0), "type": .string($0.1)] }),
        ]
        for (key, value) in configuration { settings[key] = value }
        var object: JSONObject = ["name": "more_rules", "tool_type": "api_call", "configuration": .object(settings)]
        for (key, value) in extra { object[key] = value }
        return .object(object)
    }

    /// The JSON bodies the webhook received, oldest first.
    static func receivedBodies(_ webhook: MockSystem) -> [JSONValue] {
        webhook.journal.entries().map { (try? JSONValue.parse($0.body)) ?? .null }
    }

    static let typedVariables = [("name", "str"), ("count", "int"), ("ratio", "float"), ("flag", "bool")]
    static let typedBody: JSONValue = ["name": "{{name}}", "count": "{{count}}", "ratio": "{{ratio}}", "flag": "{{flag}}"]

    // execute.types: each wrongly typed value (near-miss strings included) is a 422 item; nothing reaches the webhook.
    @Test func wrongTypes_Are422NamingEachField_AndNothingIsSent() async throws {
        let webhook = try Self.startWebhook()
        defer { webhook.stop() }
        let harness = try ServerHarness.start()
        defer { harness.stop() }
        let id = try await harness.createTool(Self.tool(webhook: webhook, variables: Self.typedVariables, body: Self.typedBody))

        let reply = try await harness.request("POST", "/v1/tools/\(id)/execute", json: [
            "input": ["name": 5, "count": " 42", "ratio": "2.5x", "flag": "True"],
        ])

        #expect(reply.status == 422, "\(reply.text)")
        #expect(Set(reply.detailLocations) == ["body.input.name", "body.input.count", "body.input.ratio", "body.input.flag"],
                "\(reply.text)")
        #expect(webhook.journal.entries().isEmpty)
    }

    // execute.types: exact strings are coerced, and `{{var}}` alone in the body keeps the variable's JSON type.
    @Test func exactStringCoercions_AreAccepted_AndArriveTyped() async throws {
        let webhook = try Self.startWebhook()
        defer { webhook.stop() }
        let harness = try ServerHarness.start()
        defer { harness.stop() }
        let id = try await harness.createTool(Self.tool(webhook: webhook, variables: Self.typedVariables, body: Self.typedBody))

        let reply = try await harness.request("POST", "/v1/tools/\(id)/execute", json: [
            "input": ["name": "Ada", "count": "-42", "ratio": "-1.25e1", "flag": "false"],
        ])

        #expect(reply.status == 200 && reply.json["success"] == true, "\(reply.text)")
        #expect(Self.receivedBodies(webhook) == [["name": "Ada", "count": -42, "ratio": -12.5, "flag": false]])
    }

    // execute.defaults: a `default` fills a missing value and yields to the caller's; `pinned` overrides the caller's.
    @Test func inputDefaults_DefaultFillsMissing_PinnedOverridesTheCaller() async throws {
        let webhook = try Self.startWebhook()
        defer { webhook.stop() }
        let harness = try ServerHarness.start()
        defer { harness.stop() }
        let body: JSONValue = ["name": "{{name}}", "source": "{{source}}", "priority": "{{priority}}"]
        let id = try await harness.createTool(Self.tool(
            webhook: webhook, variables: [("name", "str"), ("source", "str"), ("priority", "int")], body: body,
            extra: ["input_defaults": ["source": ["value": "voice", "type": "pinned"], "priority": ["value": 3, "type": "default"]]]))

        let filled = try await harness.request("POST", "/v1/tools/\(id)/execute", json: ["input": ["name": "Ada", "source": "web"]])
        let overridden = try await harness.request("POST", "/v1/tools/\(id)/execute", json: ["input": ["name": "Bob", "priority": 7]])

        #expect(filled.json["success"] == true && overridden.json["success"] == true, "\(filled.text) \(overridden.text)")
        #expect(Self.receivedBodies(webhook) == [
            ["name": "Ada", "source": "voice", "priority": 3],
            ["name": "Bob", "source": "voice", "priority": 7],
        ])
    }

    // execute.placeholders: url and query values percent-encoded as one component; `{{n}}` alone stays a number.
    @Test func placeholders_ArePercentEncodedInTheURL_AndKeepTheirTypeInTheBody() async throws {
        let webhook = try Self.startWebhook()
        defer { webhook.stop() }
        let harness = try ServerHarness.start()
        defer { harness.stop() }
        let id = try await harness.createTool(Self.tool(
            webhook: webhook, path: "/contacts/{{name}}/notes", variables: [("name", "str"), ("n", "int")],
            body: ["count": "{{n}}", "label": "n={{n}}"],
            configuration: ["query_params": [["key": "who", "value": "{{name}}"]]]))

        let reply = try await harness.request("POST", "/v1/tools/\(id)/execute", json: ["input": ["name": "Ada L/ü&?#=", "n": 5]])

        let entry = try #require(webhook.journal.entries().first, "\(reply.text)")
        let encoded = "Ada%20L%2F%C3%BC%26%3F%23%3D"
        #expect(entry.path == "/contacts/\(encoded)/notes")
        #expect(entry.query == "who=\(encoded)")
        #expect(reply.json["request_url"] == .string((webhook.baseURL ?? "") + "/contacts/\(encoded)/notes?who=\(encoded)"))
        #expect(Self.receivedBodies(webhook) == [["count": 5, "label": "n=5"]])
    }

    /// Runs the callback tool against a CRM answering 429 with `Retry-After: retryAfter` once, then normally, and
    /// returns the interval between the two attempts' arrivals.
    static func retryAfterInterval(retryAfter: Int, maxDelay: Double) async throws -> Duration {
        let crm = try CallbackLeadTool.startCRM()
        defer { crm.stop() }
        let harness = try ServerHarness.start()
        defer { harness.stop() }
        crm.addFault(try FaultRule(json: ["times": 1, "action": [
            "type": "respond", "status": 429, "headers": ["Retry-After": .string(String(retryAfter))],
        ]]))
        let retry: JSONValue = ["max_retries": 1, "base_delay_seconds": 0.1, "max_delay_seconds": .double(maxDelay), "jitter": false]
        let id = try await harness.createTool(CallbackLeadTool.feather(crm: crm, retry: retry))

        let reply = try await harness.request("POST", "/v1/tools/\(id)/execute", json: ["input": CallbackLeadTool.input()])

        let requests = CallbackLeadTool.callbackRequests(crm)
        #expect(reply.json["success"] == true && requests.map(\.status) == [429, 201], "\(reply.text)")
        guard requests.count == 2 else { return .zero }
        return .nanoseconds(Int64(requests[1].arrivalMonotonicNanoseconds - requests[0].arrivalMonotonicNanoseconds))
    }

    // retry.retry-after: the second attempt waits the Retry-After seconds, not the 0.1 s backoff.
    @Test func retryAfter_IsHonoured_BetweenAttempts() async throws {
        let retryAfter = 1
        let maxDelay = 3.0
        let interval = try await Self.retryAfterInterval(retryAfter: retryAfter, maxDelay: maxDelay)

        #expect(interval >= .seconds(retryAfter), "second attempt after \(interval)")
        // Below the cap, and well below what waiting for max_delay would take.
        #expect(interval < .seconds(maxDelay), "second attempt after \(interval)")
    }

    // retry.retry-after: a Retry-After above max_delay is capped at max_delay.
    @Test func retryAfter_AboveMaxDelay_IsCapped() async throws {
        // Far above the cap, so that the midpoint leaves seconds for a loaded machine (CI saw a capped wait of 2.4 s).
        let retryAfter = 8
        let maxDelay = 1.0
        let interval = try await Self.retryAfterInterval(retryAfter: retryAfter, maxDelay: maxDelay)

        #expect(interval >= .seconds(maxDelay), "second attempt after \(interval)")
        // Halfway between the cap and the uncapped wait: room for scheduling, yet an uncapped wait fails.
        #expect(interval < .seconds((maxDelay + Double(retryAfter)) / 2), "second attempt after \(interval)")
    }

    // secrets.logged: no log line holds a secure header or query value, the API key, or a wrong key a client sent.
    @Test func logLines_NeverHoldSecretsOrAPIKeys() async throws {
        let crm = try CallbackLeadTool.startCRM()
        defer { crm.stop() }
        let log = CapturedLog()
        let harness = try ServerHarness.start { $0.log = log.sink }
        defer { harness.stop() }
        let querySecret = "q-secret-7d1f"
        let wrongKey = "tsk_wrong_key_1234"
        var tool = CallbackLeadTool.feather(crm: crm).objectValue ?? [:]
        var configuration = CallbackLeadTool.configuration(crm: crm).objectValue ?? [:]
        configuration["query_params"] = [["key": "api_key", "value": .string(querySecret), "secure": true]]
        tool["configuration"] = .object(configuration)

        let id = try await harness.createTool(.object(tool))
        let replies = [
            try await harness.request("GET", "/v1/tools/\(id)"),
            try await harness.request("GET", "/v1/tools/\(id)/revisions"),
            try await harness.request("POST", "/v1/tools/\(id)/execute", json: ["input": CallbackLeadTool.input()]),
            try await harness.request("POST", "/v1/tools/\(id)/execute", json: ["input": CallbackLeadTool.input(without: "name")]),
            try await harness.request("GET", "/v1/tools", headers: ["x-api-key": .init(wrongKey)]),
            try await harness.request("GET", "/v1/tools", headers: ["Authorization": .init("Bearer \(wrongKey)")]),
        ]

        #expect(replies.map(\.status) == [200, 200, 200, 422, 401, 401], "\(replies.map(\.text))")
        #expect(CallbackLeadTool.callbackRequests(crm).first?.query == "api_key=\(querySecret)")
        let lines = log.all
        #expect(lines.count == replies.count + 1, "\(lines)")
        for secret in [ServerHarness.crmToken, querySecret, ServerHarness.apiKey, wrongKey] {
            #expect(!lines.contains { $0.contains(secret) }, "'\(secret)' logged: \(lines)")
        }
    }
}
