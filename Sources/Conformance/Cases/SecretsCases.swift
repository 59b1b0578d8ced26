// Secrets cases: a secure header or query value is never shown, survives an update that sends the mask back, and
// reaches the downstream system as it was set.
import JSONModel

enum SecretsCases {
    static let all: [ConformanceCase] = [maskedHeader, maskedQuery, keptOnRevisionUpdate, keptOnPatch, delivered] + byHeaderName

    /// The callback tool with the CRM's token as its secure Authorization header and, in Feather, `querySecret` as
    /// the secure query parameter `api_key` (OneInbox has no query settings).
    static func securedTool(_ context: CaseContext, _ crm: CaseMock, querySecret: String) -> ToolSpec {
        var spec = ToolSpec.callbackLead(crm: crm)
        if context.dialect == .feather {
            spec.queryParams = [ToolSetting("api_key", querySecret, secure: true), ToolSetting("source", "voice")]
        }
        return spec
    }

    /// The token a started CRM requires.
    static func token(of crm: CaseMock) throws -> String {
        guard let token = crm.token else { throw CaseSetupError("the case CRM was started without a token") }
        return token
    }

    /// Every answer that shows the tool: create, get (these two first), with revisions its revision list and active
    /// revision, and each list page. A read that fails cannot show a leak, so it is an error, not a pass.
    static func answersShowing(_ context: CaseContext, _ tool: CreatedTool) async throws -> [(String, TargetAnswer)] {
        var reads = [("GET /v1/tools/{id}", "/v1/tools/\(tool.id)")]
        if context.dialect == .feather, context.capabilities.contains(.revisions) {
            reads.append(("GET /v1/tools/{id}/revisions", "/v1/tools/\(tool.id)/revisions"))
            if let revision = tool.answer["active_revision_id"].stringValue {
                reads.append(("GET /v1/tools/revisions/{id}", "/v1/tools/revisions/\(revision)"))
            }
        }
        var answers = [("POST /v1/tools", tool.answer)]
        for (label, path) in reads {
            let answer = try await context.send("GET", path)
            guard answer.status == 200 else { throw CaseSetupError("setup: \(label) failed: \(answer.summary)") }
            answers.append((label, answer))
        }
        return answers + (try await context.toolPages()).map { ("GET /v1/tools", $0) }
    }

    /// Expects none of `answers` to hold `secret`.
    static func expectHidden(_ context: CaseContext, _ secret: String, what: String, in answers: [(String, TargetAnswer)]) throws {
        for (label, answer) in answers {
            context.check(!answer.text.contains(secret), "\(label) never shows the \(what)",
                               observed: "its answer holds the value: \(answer.summary)")
        }
    }

    /// Feather: `has_secrets` is true on the tool's active revision in the create and get answers (the first two).
    static func expectHasSecrets(_ context: CaseContext, _ answers: [(String, TargetAnswer)]) throws {
        guard context.dialect == .feather else { return }
        for (label, answer) in answers.prefix(2) {
            context.check(answer["active_revision"]["has_secrets"] == .bool(true),
                               "\(label) says active_revision.has_secrets: true", observed: answer.summary)
        }
    }

    // MARK: secrets.masked

    static let maskedHeader = ConformanceCase(
        "secrets.masked.secure-header", "A secure Authorization header is in no answer: create, get, list, revisions, execute",
        rule: "secrets.masked"
    ) { context in
        let crm = try context.startCRM()
        let secret = try token(of: crm)
        let tool = try await context.createTool(.callbackLead(crm: crm))
        var answers = try await answersShowing(context, tool)
        try expectHasSecrets(context, answers)
        answers.append(("POST /v1/tools/{id}/execute", try await context.execute(tool.id, input: ToolSpec.callbackInput())))
        try expectHidden(context, secret, what: "secure header's value", in: answers)
    }

    static let maskedQuery = ConformanceCase(
        "secrets.masked.secure-query", "A secure query value is in no answer, nor in execute's request_url",
        rule: "secrets.masked", dialects: [.feather]
    ) { context in
        let hook = try context.startWebhook()
        let secret = context.secret("query-key")
        var spec = ToolSpec.calling(hook, "/lookup", method: "GET", name: "lookup_account")
        spec.queryParams = [ToolSetting("api_key", secret, secure: true), ToolSetting("source", "voice")]
        let tool = try await context.createTool(spec)
        var answers = try await answersShowing(context, tool)
        try expectHasSecrets(context, answers)
        let executed = try await context.execute(tool.id, input: [:])
        try context.expect(executed["request_url"].stringValue.map { !$0.contains(secret) } ?? true,
                           "execute's request_url hides the secure query value", observed: "request_url was \(executed["request_url"].jsonText)")
        answers.append(("POST /v1/tools/{id}/execute", executed))
        try expectHidden(context, secret, what: "secure query value", in: answers)
    }

    // MARK: secrets.keep-on-update

    static let keptOnRevisionUpdate = ConformanceCase(
        "secrets.keep-on-update.revision", "Updating the active revision with the configuration as shown (masks included) keeps the secrets",
        rule: "secrets.keep-on-update", dialects: [.feather], capability: .revisions
    ) { context in
        let crm = try context.startCRM()
        let querySecret = context.secret("query-key")
        let tool = try await context.createTool(securedTool(context, crm, querySecret: querySecret))
        let shown = try await context.getTool(tool.id)
        guard let revision = shown["active_revision_id"].stringValue, var configuration = shown["active_revision"]["configuration"]?.objectValue else {
            throw CaseSetupError("setup: the tool shows no active revision configuration: \(shown.summary)")
        }
        configuration["timeout"] = .int(12)
        let updated = try await context.send("PUT", "/v1/tools/revisions/\(revision)", json: ["configuration": .object(configuration)])
        try context.expect(updated.status == 200, "the update sending the shown (masked) values back is accepted", observed: updated.summary)
        let reread = try await context.send("GET", "/v1/tools/revisions/\(revision)")
        try context.expect(reread["configuration"]["timeout"] == .int(12), "the update is applied (timeout 12)", observed: reread.summary)
        try await expectDelivered(context, crm, tool: tool.id, querySecret: querySecret, after: "after the update")
    }

    static let keptOnPatch = ConformanceCase(
        "secrets.keep-on-update.patch-headers", "A PATCH sending the shown (masked) Authorization header back keeps the secret",
        rule: "secrets.keep-on-update", dialects: [.oneinbox]
    ) { context in
        let crm = try context.startCRM()
        let tool = try await context.createTool(.callbackLead(crm: crm))
        let shown = try await context.getTool(tool.id)
        guard let header = shown["headers"].objectValue?.first(where: { $0.key.lowercased() == "authorization" }) else {
            throw CaseSetupError("setup: the tool shows no Authorization header: \(shown.summary)")
        }
        let patched = try await context.send("PATCH", "/v1/tools/\(tool.id)",
                                             json: ["headers": .object([header.key: header.value, "X-Source": "voice"])])
        try context.expect(patched.status == 200, "the PATCH sending the shown header back is accepted", observed: patched.summary)
        try await expectDelivered(context, crm, tool: tool.id, querySecret: nil, after: "after the PATCH")
        let source = crm.requests().first?.headerValue("X-Source")
        try context.expect(source == "voice", "the PATCH is applied (X-Source: voice arrives)", observed: "X-Source was \(source ?? "absent")")
    }

    // MARK: secrets.delivered

    static let delivered = ConformanceCase(
        "secrets.delivered.header-and-query", "The CRM receives the real secure header value (and, in Feather, the secure query value)",
        rule: "secrets.delivered"
    ) { context in
        let crm = try context.startCRM()
        let querySecret = context.secret("query-key")
        let tool = try await context.createTool(securedTool(context, crm, querySecret: querySecret))
        try await expectDelivered(context, crm, tool: tool.id, querySecret: querySecret, after: "on execute")
    }

    /// Executes the callback tool and expects the CRM to receive its token (and the query secret in Feather).
    static func expectDelivered(_ context: CaseContext, _ crm: CaseMock, tool: String, querySecret: String?, after: String) async throws {
        _ = try await context.execute(tool, input: ToolSpec.callbackInput())
        let secret = try token(of: crm)
        guard let call = crm.requests().first else {
            throw CaseFailure(expectation: "the CRM receives the call \(after)", observed: "nothing arrived")
        }
        let authorization = call.headerValue("Authorization")
        context.check(authorization == "Bearer \(secret)", "\(after), the CRM receives the real bearer token",
                           observed: "Authorization was \(authorization.map { "`\($0)`" } ?? "absent")")
        if let querySecret, context.dialect == .feather {
            let value = call.queryValue("api_key", expecting: querySecret)
            context.check(value == querySecret, "\(after), the CRM receives the real api_key query value",
                               observed: "api_key was \(value.map { "`\($0)`" } ?? "absent") in \(call.target)")
        }
    }
}
