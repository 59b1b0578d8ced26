// errors.no-5xx: malformed bodies, wrong types, huge numbers and odd paths are answered, never with a 5xx.
import JSONModel

extension AccessCases {
    static let serverErrors: [ConformanceCase] = [malformedBodies, wrongTypes, hugeNumbers, oddPathsAndQueries]

    /// One request whose answer must arrive and not be a 5xx.
    struct Probe: Sendable {
        var method: String
        var path: String
        var json: JSONValue?
        /// Sent as they are, with `Content-Type: application/json`, when `json` is nil.
        var raw: [UInt8]?

        init(_ method: String, _ path: String, json: JSONValue? = nil, raw: String? = nil) {
            self.method = method
            self.path = path
            self.json = json
            self.raw = raw.map { Array($0.utf8) }
        }

        init(_ method: String, _ path: String, bytes: [UInt8]) {
            self.init(method, path)
            raw = bytes
        }

        var label: String {
            let sent = json?.jsonText ?? raw.map { String(decoding: $0.prefix(60), as: UTF8.self) } ?? ""
            return "\(method) \(path.prefix(80))" + (sent.isEmpty ? "" : " with \(sent.prefix(60))")
        }
    }

    /// Sends the probes (`CaseContext.requestsAtOnce` at a time: they are independent) and fails on the first, in
    /// order, that got a 5xx or no answer. Tools a probe created are deleted.
    static func expectNoServerError(_ context: CaseContext, _ probes: [Probe]) async throws {
        let answers = await CaseContext.overlapping(probes) { probe in
            let headers = probe.json == nil && probe.raw != nil ? [("Content-Type", "application/json")] : []
            let result = await context.attempt(probe.method, probe.path, json: probe.json, rawBody: probe.raw, headers: headers)
            if case let .success(answer) = result, probe.method == "POST", probe.path == "/v1/tools",
               (200..<300).contains(answer.status), let id = answer["id"].stringValue {
                await context.removeTools([id])
            }
            return result
        }
        for (probe, result) in zip(probes, answers) {
            switch result {
            case let .failure(error):
                context.check(false, "\(probe.label) is answered", observed: "no answer: \(error)")
            case let .success(answer):
                context.check(answer.status < 500, "\(probe.label) gets no 5xx", observed: answer.summary)
            }
        }
    }

    /// A tool for the probes that need an id, with typed variables (OneInbox's parameters are all `str`).
    static func probeTool(_ context: CaseContext) async throws -> CreatedTool {
        let variables = [ToolVariable("count", "int"), ToolVariable("ratio", "float"), ToolVariable("urgent", "bool")]
        return try await context.createTool(json: ValidationCases.apiCall(context.dialect, context.uniqueName("probe"), variables: variables))
    }

    // MARK: Bodies that are not JSON objects

    static let malformedBodies = ConformanceCase(
        "errors.no-5xx.malformed-bodies", "Broken, empty, non-object and deeply nested JSON bodies to create, update and execute get no 5xx",
        rule: "errors.no-5xx"
    ) { context in
        let tool = try await probeTool(context)
        let update = context.dialect == .feather ? "PUT" : "PATCH"
        let texts = [
            "{", "{\"name\": \"x\"", "{\"name\": \"x\",}", "not json", "", "[]", "null", "\"text\"", "42", "true",
            "{\"name\": \"\\ud800\"}", "{\"name\": \"a\", \"name\": \"b\"}",
            String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000),
            "{\"input\": " + String(repeating: "{\"a\": ", count: 5000) + "1" + String(repeating: "}", count: 5000) + "}",
        ]
        // `{"\xFF\xFE": 1}`: not UTF-8.
        let notUTF8: [UInt8] = [0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x3A, 0x31, 0x7D]
        var probes: [Probe] = []
        for (method, path) in [("POST", "/v1/tools"), (update, "/v1/tools/\(tool.id)"), ("POST", "/v1/tools/\(tool.id)/execute")] {
            probes += texts.map { Probe(method, path, raw: $0) } + [Probe(method, path, bytes: notUTF8)]
        }
        try await expectNoServerError(context, probes)
        await context.removeTools([tool.id])
    }

    // MARK: Wrong types

    static let wrongTypes = ConformanceCase(
        "errors.no-5xx.wrong-types", "Create, update and execute bodies with wrong types in every field get no 5xx", rule: "errors.no-5xx"
    ) { context in
        let tool = try await probeTool(context)
        let base = ValidationCases.apiCall(context.dialect, context.uniqueName("wrong_types"))
        let fields: [(path: [String], values: [JSONValue])] = context.dialect == .feather ? [
            (["name"], [42, [], [:], .null]), (["description"], [5, [:]]), (["tool_type"], [7, .null, []]),
            (["configuration"], ["http://127.0.0.1:9/x", [], 5]), (["configuration", "url"], [12, .null, [:]]),
            (["configuration", "method"], [1, .null]), (["configuration", "headers"], ["x", [1], [["key": 1, "value": []]], [:]]),
            (["configuration", "query_params"], ["x", [.null]]), (["configuration", "body"], ["x", [1]]),
            (["configuration", "timeout"], ["30", true, 30.5, .null, [:]]),
            (["configuration", "variables"], ["x", [:], [1], [["name": 5]], [["name": "a", "type": 5, "required": "yes"]]]),
            (["configuration", "retry"], [3, "x", ["max_retries": "x", "jitter": "no"]]),
            (["response_schema"], ["x", ["field_mappings": "x"], ["field_mappings": [1]], ["field_mappings": [["path": 5]]]]),
            (["input_defaults"], [[], ["count": 5], ["count": ["value": 1, "type": "weird"]]]), (["metadata"], ["x", []]),
            (["transfer_target"], ["x", 5, ["destination": 5], ["destination_source": "x"], ["destination_source": ["tool_id": 5]]]),
        ] : [
            (["name"], [1, [], .null]), (["type"], [2, .null]), (["description"], [[], 3]), (["url"], [[], 5]), (["method"], [1, []]),
            (["headers"], [[], ["X-Team": 1], "x"]), (["parameters"], [[:], [1], [["name": 1]], [["name": "a", "required": "yes"]]]),
            (["run_in_background"], ["yes", 3]), (["speak_during_execution"], [3]), (["transfer_to"], [5, []]), (["oauth2"], ["x", 5]),
        ]
        var probes = fields.flatMap { field in field.values.map { Probe("POST", "/v1/tools", json: base.replacing(field.path, with: $0)) } }
        let updates: [JSONValue] = context.dialect == .feather
            ? [["name": 5], ["metadata": []], ["tool_type": "x"], ["description": [:]], "x"]
            : [["headers": "x"], ["parameters": "x"], ["url": 5], ["name": []], ["transfer_to": 5], "x"]
        probes += updates.map { Probe(context.dialect == .feather ? "PUT" : "PATCH", "/v1/tools/\(tool.id)", json: $0) }
        let executions: [JSONValue] = [
            ["input": "x"], ["input": []], ["input": .null], ["input": 5], ["metadata": 5], ["metadata": "x"], [:],
            ["input": ["count": "many", "ratio": [], "urgent": [:]]], ["input": ["count": ["deep": [1, ["a": .null]]]]],
        ]
        probes += executions.map { Probe("POST", "/v1/tools/\(tool.id)/execute", json: $0) }
        try await expectNoServerError(context, probes)
        await context.removeTools([tool.id])
    }

    // MARK: Numbers and paths

    static let hugeNumbers = ConformanceCase(
        "errors.no-5xx.huge-numbers",
        "Numbers beyond integer and double range in bodies, inputs and limit, and a 100 000-character name, get no 5xx",
        rule: "errors.no-5xx"
    ) { context in
        let tool = try await probeTool(context)
        let numbers = ["1e308", "1e309", "-1e309", "99999999999999999999999999999", "-99999999999999999999", "1e-400", "-0"]
        let base = ValidationCases.apiCall(context.dialect, context.uniqueName("huge_numbers"))
        let slots: [[String]] = context.dialect == .feather
            ? [["configuration", "timeout"], ["configuration", "retry", "max_retries"], ["configuration", "retry", "base_delay_seconds"],
               ["metadata", "n"]]
            : [["name"], ["run_in_background"]]
        // Written as text: these numbers have no JSONValue form.
        func text(_ body: JSONValue, _ number: String) -> String { body.jsonText.replacing("\"__number__\"", with: number) }
        var probes: [Probe] = []
        for number in numbers {
            probes += slots.map { Probe("POST", "/v1/tools", raw: text(base.replacing($0, with: "__number__"), number)) }
            let input: JSONValue = ["input": ["count": "__number__", "ratio": "__number__", "urgent": "__number__"]]
            probes.append(Probe("POST", "/v1/tools/\(tool.id)/execute", raw: text(input, number)))
        }
        probes += ["99999999999999999999999", "-99999999999999999999", "1e3", "0x10", "1e309"].map { Probe("GET", "/v1/tools?limit=\($0)") }
        probes.append(Probe("POST", "/v1/tools", json: base.replacing(["name"], with: .string(String(repeating: "n", count: 100_000)))))
        try await expectNoServerError(context, probes)
        await context.removeTools([tool.id])
    }

    static let oddPathsAndQueries = ConformanceCase(
        "errors.no-5xx.odd-paths-and-queries", "Unknown paths and methods under /v1/tools, odd ids and garbage list queries get no 5xx",
        rule: "errors.no-5xx"
    ) { context in
        let tool = try await probeTool(context)
        let id = tool.id
        let otherUpdate = context.dialect == .feather ? "PATCH" : "PUT"
        var probes = [
            Probe("GET", "/v1/tools/\(id)/nope"), Probe("POST", "/v1/tools/\(id)/nope", json: [:]), Probe("GET", "/v1/tools/a/b/c/d/e/f"),
            Probe("POST", "/v1/tools/\(id)", json: ["description": "x"]), Probe("PUT", "/v1/tools", json: [:]),
            Probe(otherUpdate, "/v1/tools/\(id)", json: ["description": "x"]), Probe("GET", "/v1/tools/\(id)/execute"),
            Probe("GET", "/v1/tools/%ZZ"), Probe("GET", "/v1/tools/%00"), Probe("GET", "/v1/tools/..%2F..%2Fetc%2Fpasswd"),
            Probe("GET", "/v1/tools/" + String(repeating: "a", count: 4000)), Probe("GET", "/v1/tools/%F0%9F%98%80"),
            Probe("GET", "/v1/tools/%27%20OR%201%3D1%20--"), Probe("GET", "/v1/tools/"), Probe("DELETE", "/v1/tools/%ZZ"),
            Probe("POST", "/v1/tools/%ZZ/execute", json: ["input": [:]]),
        ]
        let queries = ["cursor=garbage", "cursor=%25%25%25", "cursor=%%%", "cursor=enp6eg%3D%3D", "cursor=", "limit=", "limit=1&limit=2",
                       "limit=%00", "tool_type=weird", "unknown=1&&&=="]
        probes += queries.map { Probe("GET", "/v1/tools?\($0)") }
        if context.dialect == .feather, context.capabilities.contains(.revisions) {
            probes += [Probe("GET", "/v1/tools/revisions/%ZZ"), Probe("GET", "/v1/tools/\(id)/revisions?limit=0"),
                       Probe("GET", "/v1/tools/\(id)/revisions?cursor=garbage")]
        }
        try await expectNoServerError(context, probes)
        await context.removeTools([tool.id])
    }
}
