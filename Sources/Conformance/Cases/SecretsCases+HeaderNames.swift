// OneInbox has no `secure` flag: a header is secret by its name, in any case, or by a word the name contains.
import JSONModel
import MockSystems

extension SecretsCases {
    static let byHeaderName: [ConformanceCase] = [maskedByHeaderName, deliveredByHeaderName]

    /// One header of each kind the contract names, none written the canonical way: the names Authorization, Cookie,
    /// X-API-Key and Api-Key in other cases, then names containing token, secret, password and api-key.
    static let secretLookingHeaders = ["authorization", "COOKIE", "x-api-key", "API-KEY",
                                       "X-Auth-Token", "x-client-secret", "X-Db-Password", "X-Partner-Api-Key"]

    /// Starts a webhook and creates a tool calling it with a fresh secret in each of `secretLookingHeaders`.
    static func secretHeaderTool(_ context: CaseContext) async throws -> (hook: CaseMock, tool: CreatedTool, headers: [ToolSetting]) {
        let hook = try context.startWebhook()
        var spec = ToolSpec.calling(hook, "/notes", name: "secret_headers")
        spec.headers = secretLookingHeaders.map { ToolSetting($0, context.secret("header")) }
        return (hook, try await context.createTool(spec), spec.headers)
    }

    static let maskedByHeaderName = ConformanceCase(
        "secrets.masked.header-names-any-case",
        "Headers named authorization, COOKIE, x-api-key, API-KEY, or containing token, secret, password, api-key, show their values "
            + "in no answer: create, get, list, execute",
        rule: "secrets.masked", dialects: [.oneinbox]
    ) { context in
        let (_, tool, headers) = try await secretHeaderTool(context)
        var answers = try await answersShowing(context, tool)
        answers.append(("POST /v1/tools/{id}/execute", try await context.executeJudged(tool.id)))
        for header in headers {
            try expectHidden(context, header.value, what: "value of header \(header.key)", in: answers)
        }
    }

    static let deliveredByHeaderName = ConformanceCase(
        "secrets.delivered.header-names-any-case",
        "Headers that are secret by name (any case, or containing token, secret, password, api-key) reach the downstream system as set",
        rule: "secrets.delivered", dialects: [.oneinbox], roundTrips: 2
    ) { context in
        let (hook, tool, headers) = try await secretHeaderTool(context)
        // Execute answers only after the call it made, so the journal holds it when the answer arrives.
        _ = try await context.executeJudged(tool.id)
        guard let call = hook.requests().first else {
            throw CaseFailure(expectation: "the downstream system receives the call", observed: "nothing arrived")
        }
        for header in headers {
            let value = call.headerValue(header.key)
            try context.expect(value == header.value, "the downstream system receives header \(header.key) with its real value",
                               observed: "\(header.key) was \(value == nil ? "absent" : "another value")")
        }
    }
}
