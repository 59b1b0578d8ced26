// Revision cases: a revision is created, listed, read, updated and deleted without touching the tool's active one.
import JSONModel

enum RevisionCases {
    // The lifecycle first, then switching the active revision, then the dry runs: reports list them in this order.
    static let all: [ConformanceCase] = [createListed, updateGivenFields, deleteInactiveOnly] + active + dryRuns

    // MARK: Shared steps

    /// A `ToolRevisionCreate` body named `name`, with `spec`'s description, configuration and response schema.
    static func revisionBody(_ spec: ToolSpec, name: String) -> JSONValue {
        let tool = spec.feather
        var body: JSONObject = ["name": .string(name), "description": .string(spec.description),
                                "configuration": tool["configuration"] ?? .null]
        if let schema = tool["response_schema"] { body["response_schema"] = schema }
        return .object(body)
    }

    /// A tool's active revision id as its create (or get) answer shows it.
    /// - Throws: `CaseSetupError` when the answer names none (`lifecycle.create` judges the answer itself).
    static func activeRevision(_ answer: TargetAnswer) throws -> String {
        guard let id = answer["active_revision_id"].stringValue else {
            throw CaseSetupError("setup: the tool shows no active_revision_id: \(answer.summary)")
        }
        return id
    }

    /// Creates a revision of `tool` from `body`, for cases whose subject is something else.
    /// - Throws: `CaseSetupError` unless the answer is 2xx with an `id`.
    static func createRevision(_ context: CaseContext, of tool: String, _ body: JSONValue) async throws -> String {
        let answer = try await context.send("POST", "/v1/tools/\(tool)/revisions", json: body)
        guard (200..<300).contains(answer.status), let id = answer["id"].stringValue else {
            throw CaseSetupError("setup: creating a revision failed: \(answer.summary)")
        }
        return id
    }

    /// Expects `tool` (a `GET /v1/tools/{id}` answer) still to have `revision` active, after `what`.
    static func expectStillActive(_ context: CaseContext, _ tool: TargetAnswer, _ revision: String, after what: String) throws {
        try context.expect(tool.status == 200 && tool["active_revision_id"] == .string(revision),
                           "after \(what), the tool's active_revision_id is still \(revision)", observed: tool.summary)
    }

    /// The ids of a revision list page's items.
    static func listedIDs(_ page: TargetAnswer) -> [String] {
        (page["items"].arrayValue ?? []).compactMap { $0["id"]?.stringValue }
    }

    /// A tool the lifecycle cases never execute, calling the discard port.
    static func idleSpec(_ name: String, path: String = "/leads") -> ToolSpec {
        var spec = ToolSpec(url: "http://127.0.0.1:9" + path)
        spec.name = name
        spec.description = name
        return spec
    }

    // MARK: revisions.lifecycle

    static let createListed = ConformanceCase(
        "revisions.lifecycle.create-listed",
        "A new revision answers 201 as sent, is listed and readable, and the tool's active revision stays",
        rule: "revisions.lifecycle", dialects: [.feather], roundTrips: 3
    ) { context in
        let tool = try await context.createTool(idleSpec(context.uniqueName("revision_create")))
        let original = try activeRevision(tool.answer)
        let name = context.uniqueName("draft")
        let url = "http://127.0.0.1:9/draft"
        let created = try await context.send("POST", "/v1/tools/\(tool.id)/revisions",
                                             json: revisionBody(idleSpec(name, path: "/draft"), name: name))
        guard let revision = created["id"].stringValue else {
            throw CaseFailure(expectation: "the create answers 201 with the revision's id", observed: created.summary)
        }
        async let listing = context.send("GET", "/v1/tools/\(tool.id)/revisions?limit=200")
        async let reading = context.send("GET", "/v1/tools/revisions/\(revision)")
        async let rereading = context.getTool(tool.id)
        let (listed, read, reread) = try await (listing, reading, rereading)
        try context.expect(created.status == 201, "POST /v1/tools/{id}/revisions answers 201", observed: created.summary)
        try context.expect(read.status == 200 && read["id"] == .string(revision), "GET /v1/tools/revisions/{rev} answers 200 with it",
                           observed: read.summary)
        for (answer, source) in [(created, "the 201 body"), (read, "GET /v1/tools/revisions/{rev}")] {
            try context.expect(answer["tool_id"] == .string(tool.id) && answer["name"] == .string(name)
                                   && answer["configuration"]["url"] == .string(url),
                               "\(source) shows tool_id \(tool.id), name \(name) and url \(url)", observed: answer.summary)
        }
        let ids = listedIDs(listed)
        try context.expect(listed.status == 200 && ids.contains(revision) && ids.contains(original),
                           "GET /v1/tools/{id}/revisions lists the new revision and the original one", observed: listed.summary)
        try expectStillActive(context, reread, original, after: "creating a revision")
    }

    static let updateGivenFields = ConformanceCase(
        "revisions.lifecycle.update-given-fields",
        "PUT on a revision changes what it names and keeps the rest (description, then configuration)",
        rule: "revisions.lifecycle", dialects: [.feather], roundTrips: 6
    ) { context in
        let tool = try await context.createTool(idleSpec(context.uniqueName("revision_update")))
        let name = context.uniqueName("draft")
        let revision = try await createRevision(context, of: tool.id, revisionBody(idleSpec(name, path: "/before"), name: name))
        let moved = idleSpec(name, path: "/after").feather["configuration"] ?? .null
        let steps: [(JSONValue, [(String, JSONValue)])] = [
            (["description": "after"], [("name", .string(name)), ("description", "after"), ("url", "http://127.0.0.1:9/before")]),
            (["configuration": moved], [("name", .string(name)), ("description", "after"), ("url", "http://127.0.0.1:9/after")]),
        ]
        var seen: [(body: JSONValue, expected: [(String, JSONValue)], answer: TargetAnswer, read: TargetAnswer)] = []
        for (body, expected) in steps {
            let answer = try await context.send("PUT", "/v1/tools/revisions/\(revision)", json: body)
            seen.append((body, expected, answer, try await context.send("GET", "/v1/tools/revisions/\(revision)")))
        }
        for (body, expected, answer, read) in seen {
            context.check(answer.status == 200, "PUT \(body.jsonText.prefix(80)) answers 200", observed: answer.summary)
            for (field, value) in expected {
                let shown = field == "url" ? read["configuration"]["url"] ?? .null : read[field]
                context.check(shown == value, "after PUT \(body.jsonText.prefix(80)), \(field) is \(value.jsonText)",
                                   observed: "GET shows \(read.text.prefix(400))")
            }
        }
    }

    static let deleteInactiveOnly = ConformanceCase(
        "revisions.lifecycle.delete-inactive-only",
        "DELETE of an inactive revision answers 204, then it is 404 and unlisted; DELETE of the active one is refused and it stays",
        rule: "revisions.lifecycle", dialects: [.feather], roundTrips: 6
    ) { context in
        let tool = try await context.createTool(idleSpec(context.uniqueName("revision_delete")))
        let original = try activeRevision(tool.answer)
        let name = context.uniqueName("draft")
        let revision = try await createRevision(context, of: tool.id, revisionBody(idleSpec(name, path: "/draft"), name: name))
        let deleted = try await context.send("DELETE", "/v1/tools/revisions/\(revision)")
        async let reading = context.send("GET", "/v1/tools/revisions/\(revision)")
        async let listing = context.send("GET", "/v1/tools/\(tool.id)/revisions?limit=200")
        let (gone, listed) = try await (reading, listing)
        let refused = try await context.send("DELETE", "/v1/tools/revisions/\(original)")
        async let keeping = context.send("GET", "/v1/tools/revisions/\(original)")
        async let rereading = context.getTool(tool.id)
        let (kept, reread) = try await (keeping, rereading)
        try context.expect(deleted.status == 204, "DELETE of the inactive revision answers 204", observed: deleted.summary)
        try context.expect(gone.status == 404, "GET on the deleted revision answers 404", observed: gone.summary)
        try context.expect(listed.status == 200 && !listedIDs(listed).contains(revision), "the deleted revision is no longer listed",
                           observed: listed.summary)
        try context.expect((400..<500).contains(refused.status) && CaseChecks.isErrorResponse(refused.json),
                           "DELETE of the active revision is refused with a 4xx ErrorResponse", observed: refused.summary)
        try context.expect(kept.status == 200, "the active revision is still there", observed: kept.summary)
        try expectStillActive(context, reread, original, after: "the refused DELETE")
    }
}
