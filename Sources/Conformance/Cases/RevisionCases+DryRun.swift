// Dry runs of a revision: test runs it and saves nothing, impact reports a promotion without making it, and
// preview-transfer-destination resolves a lookup; each answers only for the tool's own revisions.
import JSONModel
import MockSystems

extension RevisionCases {
    static let dryRuns: [ConformanceCase] = [
        testRunsRevision, testOtherToolsRevision, impactReportsPromotion, impactOtherToolsRevision,
        previewResolvesDestination, previewOtherToolsRevision,
    ]

    // MARK: revisions.test

    /// What the webhook answers the tested revision: `id` and `data.state` are what the field maps pick.
    static let lead: JSONValue = ["id": "lead_9", "data": ["state": "queued", "owner": "desk"]]

    static let testRunsRevision = ConformanceCase(
        "revisions.test.runs-revision-saves-nothing",
        "A revision's test runs it, not the active one, answers the raw body narrowed by the saved map (then the request's), and saves nothing",
        rule: "revisions.test", dialects: [.feather], roundTrips: 5
    ) { context in
        let hook = try context.startWebhook()
        hook.addFault(FaultRule.respond(200, body: lead))
        var active = ToolSpec.calling(hook, "/active", name: "revision_test")
        active.variables = [ToolVariable("who")]
        active.body = ["who": "{{who}}"]
        let tool = try await context.createTool(active)
        let original = try activeRevision(tool.answer)
        var draft = active
        draft.url = hook.url("/draft")
        draft.mappings = [(path: "data.state", alias: "state")]
        let revision = try await createRevision(context, of: tool.id, revisionBody(draft, name: context.uniqueName("draft")))
        let path = "/v1/tools/\(tool.id)/revisions/\(revision)/test"
        // The test answers after the call it made, so the journal holds it when the answer arrives.
        let saved = try await context.send("POST", path, json: ["input": ["who": "Ada"]])
        let given = try await context.send("POST", path, json: [
            "input": ["who": "Grace"], "response_field_map": ["field_mappings": [["path": "id"]]],
        ])
        let reread = try await context.getTool(tool.id)
        let sent = hook.requests()
        let tests: [(answer: TargetAnswer, narrowed: JSONValue, by: String)] = [
            (saved, ["state": "queued"], "the saved response_schema"), (given, ["id": "lead_9"], "the request's response_field_map"),
        ]
        for (answer, narrowed, what) in tests {
            try context.expect(answer.status == 200 && answer["status_code"] == .int(200), "the test answers 200 with status_code 200",
                               observed: answer.summary)
            try context.expect(answer["body"].sameValue(as: lead), "the test answers the raw downstream body \(lead.jsonText)",
                               observed: answer.summary)
            try context.expect(answer["narrowed"].sameValue(as: narrowed), "narrowed by \(what) is \(narrowed.jsonText)",
                               observed: answer.summary)
        }
        try context.expect(sent.map(\.path) == ["/draft", "/draft"], "both tests call the tested revision's url (/draft), not the active one's",
                           observed: "the webhook received \(sent.map(\.path))")
        try context.expect(sent.map { $0.jsonBody?["who"] ?? .null } == ["Ada", "Grace"], "each test sends its input (who: Ada, then Grace)",
                           observed: "the bodies were \(sent.map { String(decoding: $0.body, as: UTF8.self) })")
        try expectStillActive(context, reread, original, after: "testing another revision")
    }

    static let testOtherToolsRevision = otherToolsRevision(
        "revisions.test.other-tools-revision-404", "Testing another tool's revision through this tool answers 404 and calls nothing",
        rule: "revisions.test", method: "POST", endpoint: "test", body: ["input": [:]])

    // MARK: revisions.impact

    static let impactReportsPromotion = ConformanceCase(
        "revisions.impact.reports-promotion",
        "impact names the tool, the active revision as old and the new one, blocks nothing for an unused tool, and activates nothing",
        rule: "revisions.impact", dialects: [.feather], roundTrips: 4
    ) { context in
        let tool = try await context.createTool(idleSpec(context.uniqueName("revision_impact")))
        let original = try activeRevision(tool.answer)
        let name = context.uniqueName("draft")
        let revision = try await createRevision(context, of: tool.id, revisionBody(idleSpec(name, path: "/draft"), name: name))
        let report = try await context.send("GET", "/v1/tools/\(tool.id)/revisions/\(revision)/impact")
        let reread = try await context.getTool(tool.id)
        try context.expect(report.status == 200, "GET /v1/tools/{id}/revisions/{rev}/impact answers 200", observed: report.summary)
        let expected: [(String, JSONValue)] = [
            ("tool_id", .string(tool.id)), ("old_revision_id", .string(original)), ("new_revision_id", .string(revision)),
            ("has_blocking", false), ("affected_assistant_count", 0),
        ]
        for (field, value) in expected {
            try context.expect(report[field] == value, "the report's \(field) is \(value.jsonText)", observed: report.summary)
        }
        try expectStillActive(context, reread, original, after: "asking for the impact")
    }

    static let impactOtherToolsRevision = otherToolsRevision(
        "revisions.impact.other-tools-revision-404", "impact of another tool's revision through this tool answers 404",
        rule: "revisions.impact", method: "GET", endpoint: "impact", body: nil)

    // MARK: revisions.preview-transfer

    /// The desk the lookup finds, at `routing.desk` of the lookup's answer.
    static let desk = "+442071838750"

    static let previewResolvesDestination = ConformanceCase(
        "revisions.preview-transfer.resolves-destination",
        "preview-transfer-destination renders input_mapping with context_vars into the lookup, resolves response_path, "
            + "and answers resolved false when the path finds nothing",
        rule: "revisions.preview-transfer", dialects: [.feather], roundTrips: 2
    ) { context in
        let hook = try context.startWebhook()
        hook.addFault(FaultRule.respond(200, body: ["routing": ["desk": .string(desk)]]))
        var spec = ToolSpec.calling(hook, "/desks", method: "GET", name: "desk_lookup")
        spec.variables = [ToolVariable("region")]
        spec.queryParams = [ToolSetting("region", "{{region}}")]
        let tool = try await context.createTool(spec)
        let path = "/v1/tools/\(tool.id)/revisions/\(try activeRevision(tool.answer))/preview-transfer-destination"
        // Both previews run the same lookup, so they overlap; each answers after its call, so the journal holds both.
        async let finding = context.send("POST", path, json: previewRequest(responsePath: "routing.desk"))
        async let missing = context.send("POST", path, json: previewRequest(responsePath: "routing.backup"))
        let (found, unresolved) = try await (finding, missing)
        let sent = hook.requests()
        try context.expect(found.status == 200 && found["resolved"] == true && found["destination"] == .string(desk),
                           "with response_path routing.desk the preview answers 200, resolved true, destination \(desk)",
                           observed: found.summary)
        let region = sent.first?.queryValue("region", expecting: "emea west desk")
        try context.expect(region == "emea west desk", "the lookup is called with region `emea west desk` (input_mapping rendered)",
                           observed: "region was \(region.map { "`\($0)`" } ?? "absent") in \(sent.first?.target ?? "no request")")
        try context.expect(unresolved.status == 200 && unresolved["resolved"] == false && unresolved["destination"] == .null,
                           "with response_path routing.backup (absent) the preview answers 200, resolved false, destination null",
                           observed: unresolved.summary)
    }

    /// A preview whose `input_mapping` renders `region` as `emea west desk` from `context_vars`.
    static func previewRequest(responsePath: String) -> JSONValue {
        ["input_mapping": ["region": "{{caller_region}} desk"], "context_vars": ["caller_region": "emea west"],
         "response_path": .string(responsePath)]
    }

    static let previewOtherToolsRevision = otherToolsRevision(
        "revisions.preview-transfer.other-tools-revision-404",
        "Previewing a transfer destination with another tool's revision through this tool answers 404 and calls nothing",
        rule: "revisions.preview-transfer", method: "POST", endpoint: "preview-transfer-destination",
        body: ["input_mapping": [:], "context_vars": [:], "response_path": "id"])

    // MARK: Case shapes

    /// A case that creates two tools calling one webhook and asks `endpoint` of the first about the second's revision:
    /// 404 with an ErrorResponse, and nothing reaches the webhook.
    static func otherToolsRevision(_ id: String, _ title: String, rule: String, method: String, endpoint: String,
                                   body: JSONValue?) -> ConformanceCase {
        ConformanceCase(id, title, rule: rule, dialects: [.feather], roundTrips: 2) { context in
            let hook = try context.startWebhook()
            async let creatingMine = context.createTool(.calling(hook, "/mine", method: "GET", name: "revision_mine"))
            async let creatingOther = context.createTool(.calling(hook, "/other", method: "GET", name: "revision_other"))
            let (mine, other) = try await (creatingMine, creatingOther)
            let foreign = try activeRevision(other.answer)
            // A dry run answers after any call it made, so the journal is complete when the answer arrives.
            let answer = try await context.send(method, "/v1/tools/\(mine.id)/revisions/\(foreign)/\(endpoint)", json: body)
            try context.expect(answer.status == 404 && CaseChecks.isErrorResponse(answer.json),
                               "\(method) /v1/tools/{id}/revisions/{rev}/\(endpoint) with another tool's revision answers 404",
                               observed: answer.summary)
            try context.expect(hook.requests().isEmpty, "nothing reaches the downstream system",
                               observed: "the webhook received \(hook.requests().map(\.target))")
        }
    }
}
