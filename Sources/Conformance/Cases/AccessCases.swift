// Access and errors: the API key on every endpoint, the error shapes, and 404 for ids the target does not hold.
import JSONModel

enum AccessCases {
    static let all: [ConformanceCase] = [
        missingKey, wrongKey, featherKeyHeaders, errorResponseShape, validationShape, unknownTool, unknownRevision,
    ] + serverErrors

    // MARK: The API key

    static let missingKey = ConformanceCase(
        "auth.api-key.missing", "Every endpoint answers 401 to a request without the API key, and changes nothing",
        rule: "auth.api-key"
    ) { context in
        try await expectRefusedEverywhere(context, label: "without the API key", headers: [[]])
    }

    /// A random key, and the right key with one more character (which a comparison that stops at the shorter of
    /// the two would take).
    static let wrongKey = ConformanceCase(
        "auth.api-key.wrong", "Every endpoint answers 401 to a wrong API key (random, or the key plus one character), and changes nothing",
        rule: "auth.api-key"
    ) { context in
        // The near-copy contains the key, so evidence shows it redacted.
        let keys = ["tsk_" + context.uniqueName("wrong"), context.environment.apiKey + "0"]
        var variants: [[(String, String)]] = keys.map { [("Authorization", "Bearer \($0)")] }
        if context.dialect == .feather { variants += keys.map { [("x-api-key", $0)] } }
        try await expectRefusedEverywhere(context, label: "with a wrong API key", headers: variants)
    }

    static let featherKeyHeaders = ConformanceCase(
        "auth.api-key.both-headers", "The API key is accepted both as x-api-key and as Authorization: Bearer",
        rule: "auth.api-key", dialects: [.feather]
    ) { context in
        let key = context.environment.apiKey
        for (name, value) in [("x-api-key", key), ("Authorization", "Bearer \(key)")] {
            let answer = try await context.send("GET", "/v1/tools", headers: [(name, value)], authenticated: false)
            context.check(answer.status == 200, "GET /v1/tools with the key as \(name) answers 200", observed: answer.summary)
        }
    }

    /// Sends every endpoint with each header set instead of the key, expects 401 each time, then checks that the
    /// refused requests neither created, changed nor deleted anything.
    static func expectRefusedEverywhere(_ context: CaseContext, label: String, headers variants: [[(String, String)]]) async throws {
        let marker = context.uniqueName("auth")
        let tool = try await context.createTool(json: ValidationCases.apiCall(context.dialect, marker))
        let refusedMarker = marker + "_refused"
        // Independent requests, `CaseContext.requestsAtOnce` at a time; judged in order afterwards.
        let attempts = variants.flatMap { headers in endpoints(tool.id, context, marker: refusedMarker).map { (headers, $0) } }
        let answers = await CaseContext.overlapping(attempts) { headers, request in
            await context.attempt(request.method, request.path, json: request.body, headers: headers, authenticated: false)
        }
        for ((_, request), result) in zip(attempts, answers) {
            let answer: TargetAnswer
            switch result {
            case let .success(answered): answer = answered
            case let .failure(error): throw CaseSetupError("\(request.method) \(request.path): no answer from the target: \(error)")
            }
            context.check(answer.status == 401, "\(request.method) \(request.path) \(label) answers 401", observed: answer.summary)
        }
        let after = try await context.getTool(tool.id)
        await context.removeTools([tool.id])
        try context.expect(after.status == 200 && after["description"] == .string(marker),
                           "the refused requests neither change nor delete the tool", observed: "GET then answered \(after.summary)")
        try await context.expectNothingStored(refusedMarker, "the refused create")
    }

    /// One request of the tool API.
    struct Request {
        var method: String
        var path: String
        var body: JSONValue?
    }

    /// Every endpoint of the dialect, on tool `id` where one is needed (plus an unknown id, which must be 401 too).
    static func endpoints(_ id: String, _ context: CaseContext, marker: String) -> [Request] {
        var requests = [
            Request(method: "GET", path: "/v1/tools"),
            Request(method: "POST", path: "/v1/tools", body: ValidationCases.apiCall(context.dialect, marker)),
            Request(method: "GET", path: "/v1/tools/\(id)"),
            Request(method: context.dialect == .feather ? "PUT" : "PATCH", path: "/v1/tools/\(id)", body: ["description": "changed"]),
            Request(method: "POST", path: "/v1/tools/\(id)/execute", body: ["input": [:]]),
            Request(method: "DELETE", path: "/v1/tools/\(id)"),
            Request(method: "GET", path: "/v1/tools/\(CaseChecks.unknownID())"),
        ]
        if context.dialect == .feather, context.capabilities.contains(.revisions) {
            requests.append(Request(method: "GET", path: "/v1/tools/\(id)/revisions"))
        }
        return requests
    }

    // MARK: Error shapes

    /// Judges the shape only: a target that will not answer 401 or 404 at all leaves the case unjudged (those are
    /// `auth.api-key` and `errors.unknown-id` failures).
    static let errorResponseShape = ConformanceCase(
        "errors.shape.error-response", "401 and 404 answers are ErrorResponse bodies {error, message, retryable, retry_after}",
        rule: "errors.shape"
    ) { context in
        let unknown = CaseChecks.unknownID()
        let wrong = context.dialect.apiKeyHeader("tsk_wrong")
        let wrongKey = (wrong.name, wrong.value)
        let provoked = [
            (401, "GET /v1/tools without the API key", try await context.send("GET", "/v1/tools", authenticated: false)),
            (401, "GET /v1/tools with a wrong API key", try await context.send("GET", "/v1/tools", headers: [wrongKey], authenticated: false)),
            (404, "GET /v1/tools/{unknown id}", try await context.send("GET", "/v1/tools/\(unknown)")),
            (404, "DELETE /v1/tools/{unknown id}", try await context.send("DELETE", "/v1/tools/\(unknown)")),
        ]
        for status in [401, 404] where !provoked.contains(where: { $0.0 == status && $0.2.status == status }) {
            throw CaseSetupError("no request provoked a \(status), so its shape cannot be judged")
        }
        for (status, request, answer) in provoked where answer.status == status {
            context.check(CaseChecks.isErrorResponse(answer.json),
                               "\(request) answers an ErrorResponse {error, message, retryable, retry_after}", observed: answer.summary)
        }
    }

    /// The rule's own example in Feather (`["body", "configuration", "timeout"]`); OneInbox's top-level method.
    static let validationShape = ConformanceCase(
        "errors.shape.validation-detail", "A 422 is {detail: [{loc, msg, type}]} with loc exactly at the field (configuration.timeout)",
        rule: "errors.shape"
    ) { context in
        let marker = context.uniqueName("shape")
        let (body, field, what) = context.dialect == .feather
            ? (ValidationCases.timeout(0, .feather, marker), ["body", "configuration", "timeout"], "timeout 0")
            : (ValidationCases.apiCall(.oneinbox, marker).replacing(["method"], with: "FETCH"), ["body", "method"], "method FETCH")
        let answer = try await context.send("POST", "/v1/tools", json: body)
        if (200..<300).contains(answer.status), let id = answer["id"].stringValue { await context.removeTools([id]) }
        guard answer.status == 422 else {
            throw CaseSetupError("\(what) was answered \(answer.status), not 422, so the 422 shape cannot be judged")
        }
        let items = CaseChecks.validationDetail(answer.json)
        try context.expect(items != nil, "the body is {detail: [{loc: [string|int], msg: string, type: string}]}", observed: answer.summary)
        let expected = JSONValue.array(field.map { .string($0) })
        try context.expect(items?.contains { $0["loc"] == expected } == true, "a detail item has loc \(expected.jsonText)",
                           observed: answer.summary)
    }

    // MARK: Unknown ids

    static let unknownTool = ConformanceCase(
        "errors.unknown-id.tool", "GET, update, DELETE and execute on an unknown tool id answer 404", rule: "errors.unknown-id"
    ) { context in
        let id = CaseChecks.unknownID()
        let update = context.dialect == .feather ? "PUT" : "PATCH"
        let requests = [
            Request(method: "GET", path: "/v1/tools/\(id)"),
            Request(method: update, path: "/v1/tools/\(id)", body: ["description": "no such tool"]),
            Request(method: "DELETE", path: "/v1/tools/\(id)"),
            Request(method: "POST", path: "/v1/tools/\(id)/execute", body: ["input": [:]]),
        ]
        try await expectNotFound(context, requests)
    }

    static let unknownRevision = ConformanceCase(
        "errors.unknown-id.revision", "GET, PUT and DELETE of an unknown revision id, and listing an unknown tool's revisions, answer 404",
        rule: "errors.unknown-id", dialects: [.feather], capability: .revisions
    ) { context in
        let id = CaseChecks.unknownID()
        let requests = [
            Request(method: "GET", path: "/v1/tools/revisions/\(id)"),
            Request(method: "PUT", path: "/v1/tools/revisions/\(id)", body: ["description": "no such revision"]),
            Request(method: "DELETE", path: "/v1/tools/revisions/\(id)"),
            Request(method: "GET", path: "/v1/tools/\(CaseChecks.unknownID())/revisions"),
        ]
        try await expectNotFound(context, requests)
    }

    static func expectNotFound(_ context: CaseContext, _ requests: [Request]) async throws {
        for request in requests {
            let answer = try await context.send(request.method, request.path, json: request.body)
            context.check(answer.status == 404, "\(request.method) \(request.path) answers 404", observed: answer.summary)
        }
    }
}
