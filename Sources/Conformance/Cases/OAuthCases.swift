// OAuth 2.0 cases: the server fetches a client-credentials token, uses it as the bearer, reuses it, refreshes it once
// on invalid_token, and never sends the client secret anywhere but the issuer. Judged by both mocks' journals.
import Foundation
import JSONModel
import MockSystems

enum OAuthCases {
    static let all: [ConformanceCase] = [fetchAndReuse, refreshAfterRevoke, refreshOnce, secretKept]

    /// An issuer with a client whose secret is fresh per case, and a CRM that accepts only that issuer's tokens.
    struct Stage {
        static let clientID = "understudy-conformance"
        let issuer: CaseMock
        let crm: CaseMock
        let tokens: TokenRegistry
        let clientSecret: String

        init(_ context: CaseContext) throws {
            clientSecret = context.secret("oauth-client-secret")
            context.environment.redactor.addBasicCredentials(user: Self.clientID, password: clientSecret)
            let definition: JSONValue = [
                "name": "oauth", "title": "OAuth 2.0 issuer for one conformance case",
                "oauth_issuer": [
                    "clients": [["client_id": .string(Self.clientID), "client_secret": .string(clientSecret), "scopes": ["leads:write"]]],
                    "expires_in": 3600,
                ],
                "routes": [["id": "issue_token", "method": "POST", "path": "/oauth/token", "auth": false, "action": ["issue_token": true]]],
            ]
            let issuerDefinition: MockDefinition
            do {
                issuerDefinition = try MockDefinition.load(json: definition.encoded(), file: "oauth-case.json")
            } catch {
                throw CaseSetupError("the case's OAuth issuer definition is invalid: \(error)")
            }
            tokens = TokenRegistry()
            issuer = try context.startMock(issuerDefinition, tokens: tokens)
            crm = try context.startMock(try context.builtin("crm"), auth: .issuedToken, tokens: tokens)
        }

        /// The callback tool with no Authorization header, authenticated by `oauth2` settings instead.
        var tool: ToolSpec {
            var spec = ToolSpec.callbackLead(crm: crm)
            spec.headers = []
            spec.oauth2 = ["token_url": .string(issuer.url("/oauth/token")), "client_id": .string(Self.clientID),
                           "client_secret": .string(clientSecret), "scopes": ["leads:write"]]
            return spec
        }

        var tokenRequests: [JournalEntry] { issuer.requests(route: "issue_token") }
        var calls: [JournalEntry] { crm.requests() }

        /// The CRM's verdicts on the tokens it was shown, oldest first.
        var verdicts: [AuthOutcome] { calls.map(\.auth) }
    }

    static func describe(_ verdicts: [AuthOutcome]) -> String {
        verdicts.isEmpty ? "no calls" : verdicts.map(\.rawValue).joined(separator: ", ")
    }

    static let fetchAndReuse = ConformanceCase(
        "oauth2.client-credentials.fetch-and-reuse", "Two executes fetch one token, and both calls carry it as an accepted bearer",
        rule: "oauth2.client-credentials"
    ) { context in
        let stage = try Stage(context)
        let tool = try await context.createTool(stage.tool)
        _ = try await context.execute(tool.id, input: ToolSpec.callbackInput(name: "First Caller"))
        _ = try await context.execute(tool.id, input: ToolSpec.callbackInput(name: "Second Caller"))
        try context.expect(stage.verdicts == [.accepted, .accepted], "both calls carry a bearer token the issuer issued",
                           observed: "the CRM judged the tokens: \(describe(stage.verdicts))")
        let bearers = Set(stage.calls.compactMap { $0.headerValue("Authorization") })
        try context.expect(bearers.count == 1, "both calls carry the same token", observed: "\(bearers.count) different tokens")
        try context.expect(stage.tokenRequests.count == 1, "one token request serves both executes (the token lasts an hour)",
                           observed: "the issuer received \(stage.tokenRequests.count) token requests")
    }

    static let refreshAfterRevoke = ConformanceCase(
        "oauth2.client-credentials.refresh-on-invalid-token",
        "After the issuer forgets its tokens, a 401 invalid_token brings exactly one new token and the call goes through",
        rule: "oauth2.client-credentials"
    ) { context in
        let stage = try Stage(context)
        let tool = try await context.createTool(stage.tool)
        _ = try await context.execute(tool.id, input: ToolSpec.callbackInput(name: "Before Revoke"))
        try context.expect(stage.verdicts == [.accepted], "the first call carries an accepted token",
                           observed: "the CRM judged: \(describe(stage.verdicts))")
        stage.tokens.revokeAll()
        _ = try await context.execute(tool.id, input: ToolSpec.callbackInput(name: "After Revoke"))
        try context.expect(stage.verdicts == [.accepted, .invalid, .accepted],
                           "the revoked token is refused once, then the call is re-sent with a fresh token",
                           observed: "the CRM judged: \(describe(stage.verdicts))")
        try context.expect(stage.tokenRequests.count == 2, "exactly one refresh: two token requests in all",
                           observed: "the issuer received \(stage.tokenRequests.count)")
    }

    static let refreshOnce = ConformanceCase(
        "oauth2.client-credentials.refresh-once", "A CRM that always answers 401 invalid_token gets one refresh, then the 401 is the answer",
        rule: "oauth2.client-credentials"
    ) { context in
        let stage = try Stage(context)
        stage.crm.addFault(FaultRule.respond(401, headers: ["WWW-Authenticate": "Bearer realm=\"crm\", error=\"invalid_token\""],
                                                 body: ["error": "invalid_token", "message": "the bearer token is not valid here"]))
        let tool = try await context.createTool(stage.tool)
        let answer = try await context.executeJudged(tool.id, input: ToolSpec.callbackInput())
        try context.expect(stage.tokenRequests.count == 2 && stage.calls.count == 2,
                           "one refresh on invalid_token, not more: 2 token requests and 2 calls",
                           observed: "\(stage.tokenRequests.count) token requests and \(stage.calls.count) calls")
        try context.expectExecuteResponse(answer)
        try context.expect(answer["status_code"] == .int(401) && answer["success"] == .bool(false),
                           "the answer reports the 401: status_code 401, success false", observed: answer.summary)
    }

    static let secretKept = ConformanceCase(
        "oauth2.client-credentials.secret-kept", "The client secret goes to the issuer only: never to the CRM, never in an answer",
        rule: "oauth2.client-credentials"
    ) { context in
        let stage = try Stage(context)
        let tool = try await context.createTool(stage.tool)
        let shown = try await context.getTool(tool.id)
        let executed = try await context.execute(tool.id, input: ToolSpec.callbackInput())
        try context.expect(!stage.tokenRequests.isEmpty && stage.verdicts.first == .accepted,
                           "the token is fetched from the issuer and accepted by the CRM",
                           observed: "\(stage.tokenRequests.count) token requests; the CRM judged: \(describe(stage.verdicts))")
        let basic = Data("\(Stage.clientID):\(stage.clientSecret)".utf8).base64EncodedString()
        for call in stage.calls {
            let seen = call.seenText
            try context.expect(!seen.contains(stage.clientSecret) && !seen.contains(basic),
                               "the CRM never receives the client secret (plain or as Basic credentials)",
                               observed: "\(call.method) \(call.target) carried it")
        }
        for (label, answer) in [("POST /v1/tools", tool.answer), ("GET /v1/tools/{id}", shown), ("execute", executed)] {
            try context.expect(!answer.text.contains(stage.clientSecret), "\(label) never shows the client secret",
                               observed: "its answer holds it: \(answer.summary)")
        }
    }
}
