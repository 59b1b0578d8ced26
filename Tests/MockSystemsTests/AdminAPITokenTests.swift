// Token admin on the issuer (/__admin/tokens): expire and revoke by token, client or all; listings without tokens;
// the issuer-auth CRM refusing what was made bad; the admin token; bad bodies.
import JSONModel
import HTTPWire
import Testing
@testable import MockSystems

@Suite struct AdminAPITokenTests {
    /// The issuer and an issuer-auth CRM sharing one registry, plus a client; stop with `stage.stop()`.
    struct Stage {
        let oauth: MockSystem
        let crm: MockSystem
        let client: HTTPClient

        init(adminToken: String? = nil) throws {
            let tokens = TokenRegistry()
            oauth = try MockSystem.make("oauth", tokens: tokens) { $0.adminToken = adminToken }
            crm = try MockSystem.make("crm", tokens: tokens) { $0.auth = .issuedToken }
            client = try HTTPClient.make()
        }

        func stop() {
            client.shutdown()
            crm.stop()
            oauth.stop()
        }

        /// A token for `client` (issued straight into the registry, as the token route would).
        func issue(_ client: String = "understudy") -> String { oauth.tokens.issue(clientID: client, lifetime: .seconds(3600)) }

        func admin(_ method: String, _ path: String, body: String? = nil, headers: HTTPHeaders = [:]) async throws -> HTTPResponse {
            try await client.send(method, oauth.url("/__admin" + path), headers: headers, body: Array((body ?? "").utf8))
        }

        func createLead(with token: String) async throws -> HTTPResponse {
            try await client.send("POST", crm.url("/callbacks"), headers: ["Authorization": "Bearer " + token], json: Fixture.lead())
        }
    }

    @Test func expire_ByToken_ThenTheCRMRefusesIt_SayingItExpired() async throws {
        let stage = try Stage()
        defer { stage.stop() }
        let (token, other) = (stage.issue(), stage.issue())

        let expired = try await stage.admin("POST", "/tokens/expire", body: #"{"token": "\#(token)"}"#)
        let refused = try await stage.createLead(with: token)
        let accepted = try await stage.createLead(with: other)

        #expect(expired.status == 200)
        #expect(try expired.json() == ["affected": 1])
        #expect(refused.status == 401)
        #expect(try refused.json()["error"] == "invalid_token")
        #expect(refused.headers["WWW-Authenticate"] == #"Bearer realm="crm", error="invalid_token", error_description="the access token expired""#)
        #expect(accepted.status == 201)
        #expect(stage.crm.journal.entries().map(\.auth) == [.expired, .accepted])
    }

    @Test func revoke_ByClient_ThenTheCRMRefusesIt_SayingItWasRevoked() async throws {
        let stage = try Stage()
        defer { stage.stop() }
        let (mine, alsoMine, theirs) = (stage.issue(), stage.issue(), stage.issue("other"))

        let revoked = try await stage.admin("POST", "/tokens/revoke", body: #"{"client_id": "understudy"}"#)
        let refused = try await stage.createLead(with: alsoMine)
        let accepted = try await stage.createLead(with: theirs)

        #expect(try revoked.json() == ["affected": 2])
        #expect(stage.oauth.tokens.verdict(for: mine) == .revoked)
        #expect(refused.status == 401)
        #expect(try refused.json()["error"] == "invalid_token")
        #expect(refused.headers["WWW-Authenticate"] == #"Bearer realm="crm", error="invalid_token", error_description="the access token was revoked""#)
        #expect(accepted.status == 201)
        #expect(stage.crm.journal.entries().map(\.auth) == [.revoked, .accepted])
        #expect(stage.crm.journal.entries().first?.outcome == .rejected)
    }

    @Test func expireAndRevoke_WithoutABodyOrWithEmptyObject_AffectEveryToken() async throws {
        let stage = try Stage()
        defer { stage.stop() }
        let tokens = [stage.issue(), stage.issue("other")]

        let expired = try await stage.admin("POST", "/tokens/expire")
        let revoked = try await stage.admin("POST", "/tokens/revoke", body: "{}")
        let again = try await stage.admin("POST", "/tokens/revoke", body: " \n")

        #expect(try expired.json() == ["affected": 2])
        #expect(try revoked.json() == ["affected": 2])
        #expect(try again.json() == ["affected": 0])
        #expect(tokens.map(stage.oauth.tokens.verdict(for:)) == [.revoked, .revoked])
    }

    @Test func list_ShowsClientStateAndFingerprint_NeverTheToken() async throws {
        let stage = try Stage()
        defer { stage.stop() }
        let tokens = [stage.issue(), stage.issue("other"), stage.issue()]
        stage.oauth.tokens.expire(.token(tokens[1]))
        stage.oauth.tokens.revoke(.token(tokens[2]))

        let listed = try await stage.admin("GET", "/tokens")

        #expect(listed.status == 200)
        let body = try listed.json()
        #expect(body["count"] == 3)
        let entries = try #require(body["tokens"]?.arrayValue)
        #expect(entries.map { $0["client_id"] } == ["understudy", "other", "understudy"])
        #expect(entries.map { $0["state"] } == ["valid", "expired", "revoked"])
        #expect(entries.map { $0["fingerprint"] } == tokens.map { .string(TokenRegistry.fingerprint(of: $0)) })
        #expect(entries.allSatisfy { $0["expires_in"]?.intValue != nil && $0["issued_seconds_ago"]?.intValue != nil })
        #expect(tokens.allSatisfy { !listed.bodyText.contains($0) && !listed.bodyText.contains($0.dropFirst(8)) })
    }

    @Test func adminToken_IsRequired_WhenConfigured() async throws {
        let stage = try Stage(adminToken: "admin-secret")
        defer { stage.stop() }
        let token = stage.issue()

        let without = try await stage.admin("POST", "/tokens/revoke")
        let wrong = try await stage.admin("GET", "/tokens", headers: ["Authorization": "Bearer " + token])
        let with = try await stage.admin("POST", "/tokens/revoke", headers: ["X-Admin-Token": "admin-secret"])

        #expect(without.status == 401 && wrong.status == 401)
        #expect(with.status == 200)
        #expect(try with.json() == ["affected": 1])
    }

    /// A body the expire and revoke endpoints must refuse, and words the message must hold.
    struct BadBody: Sendable, CustomTestStringConvertible {
        var body: String
        var error: String
        var message: String
        var testDescription: String { body }
    }

    static let badBodies: [BadBody] = [
        BadBody(body: #"{"token": "#, error: "invalid_json", message: "not valid JSON"),
        BadBody(body: #"["mock_at_1"]"#, error: "bad_request", message: "must be a JSON object"),
        BadBody(body: #"{"tokn": "mock_at_1"}"#, error: "bad_request", message: "unknown key 'tokn'; expected at most one of: token, client_id, fingerprint"),
        BadBody(body: #"{"token": "t", "client_id": "c"}"#, error: "bad_request", message: "at most one of"),
        BadBody(body: #"{"client_id": 7}"#, error: "bad_request", message: "client_id must be a non-empty string"),
        BadBody(body: #"{"token": ""}"#, error: "bad_request", message: "token must be a non-empty string"),
    ]

    @Test(arguments: badBodies)
    func expireAndRevoke_Answer400_ForABadBody_TouchingNothing(_ bad: BadBody) async throws {
        let stage = try Stage()
        defer { stage.stop() }
        let token = stage.issue()

        for path in ["/tokens/expire", "/tokens/revoke"] {
            let response = try await stage.admin("POST", path, body: bad.body)
            #expect(response.status == 400)
            #expect(try response.json()["error"] == .string(bad.error))
            #expect(try response.json()["message"]?.stringValue?.contains(bad.message) == true, "\(response.bodyText)")
        }
        #expect(stage.oauth.tokens.verdict(for: token) == .valid)
    }

    @Test func tokenAdmin_LivesOnTheIssuerOnly_AndNamesItsEndpoints() async throws {
        let stage = try Stage()
        defer { stage.stop() }

        let onCRM = try await stage.client.send("GET", stage.crm.url("/__admin/tokens"))
        let wrongMethod = try await stage.admin("GET", "/tokens/revoke")

        #expect(onCRM.status == 404)
        #expect(try onCRM.json()["message"]?.stringValue?.contains("issuer") == true)
        #expect(wrongMethod.status == 404)
        #expect(try wrongMethod.json()["message"]?.stringValue?.contains("POST /__admin/tokens/revoke") == true)
    }
}
