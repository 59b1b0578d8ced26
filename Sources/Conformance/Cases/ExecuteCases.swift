// Execute cases: which input is accepted (required variables, types, operator defaults) and what then goes downstream.
import JSONModel

enum ExecuteCases {
    static let all: [ConformanceCase] = [noneSent, oneMissing, optionalAbsent, missingInBackground,
                                         wrongTypes, exactStrings, defaultFills, pinnedOverrides]
        + placeholders + answers + mappings + downstreamFailures + timeouts

    static let fields = ["name", "company", "reason", "phone_number"]

    /// Executes the callback tool with `input` and judges the 422 and the CRM's silence.
    private static func expectRejected(_ context: CaseContext, spec: (CaseMock) -> ToolSpec, input: JSONValue,
                                       missing: [String], present: [String]) async throws {
        let crm = try context.startCRM()
        let tool = try await context.createTool(spec(crm))
        let answer = try await context.executeJudged(tool.id, input: input)
        try context.expectInputRejected(answer, naming: missing, notNaming: present)
        try await context.expectNothingSent(to: crm, "nothing reaches the CRM when required variables are missing")
    }

    private static func callbackInput(without missing: [String]) -> JSONValue {
        var input = ToolSpec.callbackInput().objectValue ?? [:]
        for field in missing { input[field] = nil }
        return .object(input)
    }

    // MARK: execute.required

    static let noneSent = ConformanceCase(
        "execute.required.none-sent", "Executing create_callback_lead with no input is 422 naming all four fields; nothing is sent",
        rule: "execute.required", wait: .milliseconds(300)
    ) { context in
        try await expectRejected(context, spec: { .callbackLead(crm: $0) }, input: [:], missing: fields, present: [])
    }

    static let oneMissing = ConformanceCase(
        "execute.required.one-missing", "Executing with three of four required fields is 422 naming only the missing one; nothing is sent",
        rule: "execute.required", wait: .milliseconds(300)
    ) { context in
        try await expectRejected(context, spec: { .callbackLead(crm: $0) }, input: callbackInput(without: ["company"]),
                                 missing: ["company"], present: ["name", "reason", "phone_number"])
    }

    static let optionalAbsent = ConformanceCase(
        "execute.required.optional-absent", "An optional variable left out does not block the call: exactly the given input is sent once",
        rule: "execute.required"
    ) { context in
        let hook = try context.startWebhook()
        var spec = ToolSpec.calling(hook, "/notes", name: "add_note")
        spec.variables = [ToolVariable("caller"), ToolVariable("note", required: false)]
        spec.body = ["caller": "{{caller}}", "note": "{{note}}"]
        let tool = try await context.createTool(spec)
        let answer = try await context.executeJudged(tool.id, input: ["caller": "Ada Lovelace"])
        try context.expect(answer.status != 422, "leaving out an optional variable is not a validation error", observed: answer.summary)
        try context.expectExecuteResponse(answer)
        try context.expect(answer["success"] == .bool(true), "the call succeeds (the webhook answers 200)", observed: answer.summary)
        let received = hook.requests()
        try context.expect(received.count == 1, "the webhook receives the call once", observed: "it received \(received.count)")
    }

    static let missingInBackground = ConformanceCase(
        "execute.required.in-background", "A run_in_background tool still answers 422 for a missing field and sends nothing",
        rule: "execute.required", dialects: [.oneinbox], capability: .background, wait: .milliseconds(300)
    ) { context in
        try await expectRejected(context, spec: { crm in
            var spec = ToolSpec.callbackLead(crm: crm)
            spec.runInBackground = true
            return spec
        }, input: callbackInput(without: ["reason"]), missing: ["reason"], present: ["name", "company", "phone_number"])
    }

    // MARK: execute.types

    /// A booking tool with one variable of each type, posting them as exact placeholders so their JSON types show.
    /// The body ends with a constant, as real templates carry; the cases judge the variables.
    private static func bookingTool(_ hook: CaseMock) -> ToolSpec {
        var spec = ToolSpec.calling(hook, "/bookings", name: "book_table")
        spec.variables = [ToolVariable("party", "int"), ToolVariable("deposit", "float"), ToolVariable("vip", "bool"),
                          ToolVariable("guest", "str"), ToolVariable("nights", "int", required: false)]
        spec.body = ["party": "{{party}}", "deposit": "{{deposit}}", "vip": "{{vip}}", "guest": "{{guest}}",
                     "nights": "{{nights}}", "source": "understudy"]
        return spec
    }

    static let wrongTypes = ConformanceCase(
        "execute.types.wrong-values", "Values of the wrong type for int, float, bool and str are one 422 naming each; nothing is sent",
        rule: "execute.types", dialects: [.feather], wait: .milliseconds(300)
    ) { context in
        let hook = try context.startWebhook()
        let tool = try await context.createTool(bookingTool(hook))
        let answer = try await context.executeJudged(tool.id, input: [
            "party": "four", "deposit": "12,50 EUR", "vip": "yes", "guest": ["first": "Ada"], "nights": 2.5,
        ])
        try context.expectInputRejected(answer, naming: ["party", "deposit", "vip", "guest", "nights"])
        try await context.expectNothingSent(to: hook, "nothing reaches the downstream system when input has the wrong types")
    }

    static let exactStrings = ConformanceCase(
        "execute.types.exact-strings", "Exact strings \"4\", \"12.5\", \"false\" are accepted and sent as 4, 12.5, false",
        rule: "execute.types", dialects: [.feather]
    ) { context in
        let hook = try context.startWebhook()
        let tool = try await context.createTool(bookingTool(hook))
        let answer = try await context.executeJudged(tool.id, input: [
            "party": "4", "deposit": "12.5", "vip": "false", "guest": "Ada Lovelace",
        ])
        try context.expect(answer.status != 422, "exact strings for int, float and bool are accepted", observed: answer.summary)
        try context.expectExecuteResponse(answer)
        let received = hook.requests()
        try context.expect(received.count == 1, "the booking is sent once", observed: "\(received.count) requests arrived")
        let body = received[0].jsonBody
        let expected: [(String, JSONValue)] = [("party", 4), ("deposit", 12.5), ("vip", false), ("guest", "Ada Lovelace")]
        for (field, value) in expected {
            try context.expect(body?[field]?.sameValue(as: value) == true, "`\(field)` arrives coerced to \(value.jsonText)",
                               observed: "the body was \(body?.jsonText ?? "not JSON")")
        }
    }

    // MARK: execute.defaults

    /// A routing tool whose `region` and `party` variables have operator values of `kind` (`default` or `pinned`).
    private static func routingTool(_ hook: CaseMock, kind: String) -> ToolSpec {
        var spec = ToolSpec.calling(hook, "/routes", name: "route_caller")
        spec.variables = [ToolVariable("region", required: false), ToolVariable("party", "int", required: false)]
        spec.body = ["region": "{{region}}", "party": "{{party}}", "source": "understudy"]
        spec.inputDefaults = ["region": ["value": "EU", "type": .string(kind)], "party": ["value": 2, "type": .string(kind)]]
        return spec
    }

    /// Executes `input` and expects the downstream body to hold `region` and `party`.
    private static func expectSent(_ context: CaseContext, _ hook: CaseMock, tool: String, input: JSONValue,
                                   region: String, party: Int, because: String) async throws {
        let before = hook.requests().count
        let answer = try await context.executeJudged(tool, input: input)
        try context.expect(answer.status != 422, "executing with \(input.jsonText) is accepted", observed: answer.summary)
        let received = hook.requests()
        try context.expect(received.count == before + 1, "one request per execute", observed: "\(received.count - before) arrived")
        let body = received[before].jsonBody
        try context.expect(body?["region"] == .string(region) && body?["party"]?.sameValue(as: .int(party)) == true,
                           "\(because): region \"\(region)\" and party \(party) arrive",
                           observed: "the body was \(body?.jsonText ?? "not JSON")")
    }

    static let defaultFills = ConformanceCase(
        "execute.defaults.default-fills", "A `default` input fills a missing value, and the caller's own value replaces it",
        rule: "execute.defaults", dialects: [.feather]
    ) { context in
        let hook = try context.startWebhook()
        let tool = try await context.createTool(routingTool(hook, kind: "default"))
        try await expectSent(context, hook, tool: tool.id, input: [:], region: "EU", party: 2, because: "with no input the defaults fill in")
        try await expectSent(context, hook, tool: tool.id, input: ["region": "US", "party": 5], region: "US", party: 5,
                             because: "the caller's values win over a default")
    }

    static let pinnedOverrides = ConformanceCase(
        "execute.defaults.pinned-overrides", "A `pinned` input overrides the caller's value, and fills a missing one",
        rule: "execute.defaults", dialects: [.feather]
    ) { context in
        let hook = try context.startWebhook()
        let tool = try await context.createTool(routingTool(hook, kind: "pinned"))
        try await expectSent(context, hook, tool: tool.id, input: ["region": "US", "party": 5], region: "EU", party: 2,
                             because: "pinned values override the caller's")
        try await expectSent(context, hook, tool: tool.id, input: [:], region: "EU", party: 2, because: "pinned values fill in")
    }
}
