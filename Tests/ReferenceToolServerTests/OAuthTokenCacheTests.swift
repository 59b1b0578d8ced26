// OAuth client credentials against the mock issuer: fetch, reuse, expiry, refresh on invalid_token, secrets kept home.
import Foundation
import HTTPWire
import JSONModel
import MockSystems
import Testing
@testable import ReferenceToolServer

@Suite struct OAuthTokenCacheTests {
    /// An issuer and a CRM that accepts only its tokens, both on `clock`; stop them with `stopAll()`.
    private struct Stage {
        let clock = ManualClock()
        let tokens: TokenRegistry
        let oauth: MockSystem
        let crm: MockSystem
        let client: HTTPClient
        let executor: ToolExecutor

        init(crmTokens: TokenRegistry? = nil) throws {
            let clock = self.clock
            tokens = TokenRegistry(clock: { clock.now })
            oauth = try ExecutionFixture.system("oauth", tokens: tokens)
            crm = try ExecutionFixture.system("crm", tokens: crmTokens ?? tokens) { $0.auth = .issuedToken }
            client = try ExecutionFixture.client()
            executor = ToolExecutor(client: client, clock: RecordingClock(),
                                    tokens: OAuthTokenCache(client: client, now: { clock.now }))
        }

        func plan(secret: String = "understudy-secret") -> ExecutionPlan {
            var plan = ExecutionFixture.crmPlan(crm)
            plan.headers = []
            plan.oauth = OAuthClientCredentials(tokenURL: (oauth.baseURL ?? "") + "/oauth/token", clientID: "understudy",
                                                clientSecret: secret, scopes: ["leads:write"])
            return plan
        }

        func stopAll() {
            client.shutdown()
            crm.stop()
            oauth.stop()
        }
    }

    @Test func token_IsFetchedOnce_AndReused_AndTheSecretNeverGoesDownstream() async throws {
        let stage = try Stage()
        defer { stage.stopAll() }

        let first = try await stage.executor.execute(stage.plan(), input: ExecutionFixture.lead)
        let second = try await stage.executor.execute(stage.plan(), input: ExecutionFixture.lead)

        #expect(first.statusCode == 201 && second.statusCode == 201)
        let issued = stage.oauth.journal.entries()
        #expect(issued.count == 1)
        let basic = "Basic " + Data("understudy:understudy-secret".utf8).base64EncodedString()
        #expect(issued.first?.headerValue("Authorization") == basic)
        #expect(issued.first.map { String(decoding: $0.body, as: UTF8.self) } == "grant_type=client_credentials&scope=leads%3Awrite")
        let downstream = stage.crm.journal.entries()
        #expect(downstream.map(\.auth) == [.accepted, .accepted])
        #expect(Set(downstream.compactMap { $0.headerValue("Authorization") }).count == 1)
        for entry in downstream {
            let seen = entry.target + String(decoding: entry.body, as: UTF8.self) + entry.headers.map(\.value).joined()
            #expect(!seen.contains("understudy-secret"))
        }
        #expect(!first.json.jsonText.contains("understudy-secret") && !first.json.jsonText.contains("mock_at_"))
    }

    @Test func token_IsRefreshedBeforeItExpires() async throws {
        let stage = try Stage()
        defer { stage.stopAll() }

        _ = try await stage.executor.execute(stage.plan(), input: ExecutionFixture.lead)
        stage.clock.advance(seconds: 3_569)            // 1 s before the 30 s margin: still reused
        _ = try await stage.executor.execute(stage.plan(), input: ExecutionFixture.lead)
        stage.clock.advance(seconds: 2)                // inside the margin, token still valid at the issuer
        let third = try await stage.executor.execute(stage.plan(), input: ExecutionFixture.lead)

        #expect(third.statusCode == 201)
        #expect(stage.oauth.journal.entries().count == 2)
        #expect(stage.crm.journal.entries().map(\.auth) == [.accepted, .accepted, .accepted])
    }

    @Test func invalidTokenAnswer_RefreshesOnce_AndRepeatsTheAttempt_OutsideMaxRetries() async throws {
        let stage = try Stage()
        defer { stage.stopAll() }
        _ = try await stage.executor.execute(stage.plan(), input: ExecutionFixture.lead)
        stage.tokens.revokeAll()                       // the issuer forgot every token: the cached one is now unknown

        let result = try await stage.executor.execute(stage.plan(), input: ExecutionFixture.lead)

        #expect(result.statusCode == 201 && result.attempts == 2)
        #expect(stage.crm.journal.entries().map(\.auth) == [.accepted, .invalid, .accepted])
        #expect(stage.oauth.journal.entries().count == 2)
        #expect(stage.crm.records(in: "leads").count == 2)
    }

    @Test func tokenRejectedAgainAfterTheRefresh_IsTheAnswer() async throws {
        let stage = try Stage(crmTokens: TokenRegistry())   // the CRM trusts another issuer: every token is unknown
        defer { stage.stopAll() }

        let result = try await stage.executor.execute(stage.plan(), input: ExecutionFixture.lead)

        #expect(result.statusCode == 401 && result.error == .httpStatus && result.attempts == 2)
        #expect(stage.oauth.journal.entries().count == 2 && stage.crm.journal.entries().count == 2)
    }

    @Test func wrongClientSecret_IsAnOAuthError_AndNothingIsSentDownstream() async throws {
        let stage = try Stage()
        defer { stage.stopAll() }

        let result = try await stage.executor.execute(stage.plan(secret: "wrong"), input: ExecutionFixture.lead)

        #expect(result.error == .oauthError && result.statusCode == 0 && result.attempts == 0)
        #expect(stage.crm.journal.stats.recorded == 0)
        #expect(!result.json.jsonText.contains("wrong"))
        await #expect(throws: OAuthTokenError.refused(status: 401, error: "invalid_client")) {
            try await stage.executor.tokens.token(for: try #require(stage.plan(secret: "wrong").oauth))
        }
    }

    @Test func concurrentCallers_ShareOneFetch() async throws {
        let stage = try Stage()
        defer { stage.stopAll() }
        let credentials = try #require(stage.plan().oauth)

        async let first = stage.executor.tokens.token(for: credentials)
        async let second = stage.executor.tokens.token(for: credentials)
        let tokens = try await [first, second]

        #expect(tokens[0] == tokens[1])
        #expect(stage.oauth.journal.entries().count == 1)
    }

    @Test func refreshTime_KeepsASmallMargin() throws {
        let client = try ExecutionFixture.client()
        defer { client.shutdown() }
        let cache = OAuthTokenCache(client: client)
        #expect(cache.refreshAt(issuedAt: 0, lifetime: .seconds(3_600)) == 3_570_000_000_000)
        #expect(cache.refreshAt(issuedAt: 0, lifetime: .seconds(2)) == 1_800_000_000)
        #expect(cache.refreshAt(issuedAt: 5, lifetime: .zero) == 5)
    }
}
