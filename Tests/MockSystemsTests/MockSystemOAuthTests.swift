// The built-in OAuth issuer over loopback: RFC 6749 client credentials (Basic or form) and errors, RFC 7009, RFC 8414.
import Foundation
import HTTPWire
import Testing
@testable import MockSystems

@Suite struct MockSystemOAuthTests {
    static let basic: HTTPHeaders = ["Authorization": "Basic " + Data("understudy:understudy-secret".utf8).base64EncodedString()]

    @Test func token_IsIssued_ForClientCredentialsByBasicAuth() async throws {
        let oauth = try MockSystem.make("oauth")
        defer { oauth.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }

        let response = try await client.send("POST", oauth.url("/oauth/token"), headers: Self.basic, form: [("grant_type", "client_credentials")])

        #expect(response.status == 200, "\(response.bodyText)")
        let body = try response.json()
        let token = try #require(body["access_token"]?.stringValue)
        #expect(token.hasPrefix("mock_at_"))
        #expect(body["token_type"] == "Bearer" && body["expires_in"] == 3600)
        #expect(body["scope"] == "leads:write tickets:write")
        #expect(response.headers["Cache-Control"] == "no-store")
        #expect(oauth.tokens.verdict(for: token) == .valid)
        #expect(oauth.journal.entries().only?.route == "issue_token")
    }

    @Test func token_IsIssued_ForClientCredentialsInTheForm_WithARequestedScope() async throws {
        let oauth = try MockSystem.make("oauth")
        defer { oauth.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }

        let response = try await client.send("POST", oauth.url("/oauth/token"), form: [
            ("grant_type", "client_credentials"), ("client_id", "understudy"), ("client_secret", "understudy-secret"), ("scope", "leads:write"),
        ])

        #expect(response.status == 200, "\(response.bodyText)")
        #expect(try response.json()["scope"] == "leads:write")
        #expect(try response.json()["access_token"]?.stringValue?.hasPrefix("mock_at_") == true)
    }

    /// A token request that must fail, and the status and RFC 6749 error code it must get.
    struct Refusal: Sendable, CustomTestStringConvertible {
        var label: String
        var headers: HTTPHeaders
        var form: [(String, String)]
        var status: Int
        var error: String
        var testDescription: String { label }
    }

    static let refusals: [Refusal] = [
        Refusal(label: "wrong secret", headers: ["Authorization": "Basic " + Data("understudy:wrong".utf8).base64EncodedString()],
                form: [("grant_type", "client_credentials")], status: 401, error: "invalid_client"),
        Refusal(label: "unknown client in form", headers: [:],
                form: [("grant_type", "client_credentials"), ("client_id", "nobody"), ("client_secret", "x")], status: 401, error: "invalid_client"),
        Refusal(label: "no credentials", headers: [:], form: [("grant_type", "client_credentials")], status: 401, error: "invalid_client"),
        Refusal(label: "password grant", headers: basic, form: [("grant_type", "password")], status: 400, error: "unsupported_grant_type"),
        Refusal(label: "no grant", headers: basic, form: [("scope", "leads:write")], status: 400, error: "invalid_request"),
        Refusal(label: "scope not granted", headers: basic, form: [("grant_type", "client_credentials"), ("scope", "leads:write admin")],
                status: 400, error: "invalid_scope"),
    ]

    @Test(arguments: refusals)
    func token_IsRefused_WithTheRFC6749Error(_ refusal: Refusal) async throws {
        let oauth = try MockSystem.make("oauth")
        defer { oauth.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }

        let response = try await client.send("POST", oauth.url("/oauth/token"), headers: refusal.headers, form: refusal.form)

        #expect(response.status == refusal.status)
        #expect(try response.json()["error"] == .string(refusal.error))
        #expect(try response.json()["error_description"]?.stringValue?.isEmpty == false)
        #expect(response.headers["Cache-Control"] == "no-store")
        if refusal.status == 401 { #expect(response.headers["WWW-Authenticate"] == #"Basic realm="oauth""#) }
        #expect(try response.json()["access_token"] == nil)
    }

    // MARK: RFC 8414 metadata

    @Test func metadata_NamesTheIssuerByTheURLItWasFetchedFrom() async throws {
        let oauth = try MockSystem.make("oauth")
        defer { oauth.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }
        let base = try #require(oauth.baseURL)

        let response = try await client.send("GET", oauth.url(MockDefinition.oauthMetadataPath))
        let byName = try await client.send("GET", oauth.url(MockDefinition.oauthMetadataPath), headers: ["Host": "localhost:\(oauth.port ?? 0)"])

        #expect(response.status == 200 && response.headers["Content-Type"] == "application/json")
        let document = try response.json()
        #expect(document["issuer"] == .string(base), "RFC 8414 §3.3: identical to the URL minus the well-known part")
        #expect(document["token_endpoint"] == .string(base + "/oauth/token"))
        #expect(document["revocation_endpoint"] == .string(base + "/oauth/revoke"))
        #expect(document["grant_types_supported"] == ["client_credentials"])
        #expect(try byName.json()["issuer"] == .string("http://localhost:\(oauth.port ?? 0)"))
        #expect(oauth.journal.entries().first?.route == "oauth_metadata")
    }

    @Test func metadata_NamesTheAdvertisedHost_WhenOneIsSet() async throws {
        let oauth = try MockSystem.make("oauth") { $0.advertisedHost = "mocks.test" }
        defer { oauth.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }

        let document = try await client.send("GET", oauth.url(MockDefinition.oauthMetadataPath)).json()

        #expect(document["issuer"] == .string("http://mocks.test:\(oauth.port ?? 0)"))
        #expect(document["token_endpoint"] == .string("http://mocks.test:\(oauth.port ?? 0)/oauth/token"))
    }

    // MARK: RFC 7009 revocation

    @Test func revocation_RevokesTheClientsToken_AndAnswers200ForUnknownOnes() async throws {
        let oauth = try MockSystem.make("oauth")
        defer { oauth.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }
        let token = oauth.tokens.issue(clientID: "understudy", lifetime: .seconds(60))

        let revoked = try await client.send("POST", oauth.url("/oauth/revoke"), headers: Self.basic, form: [("token", token), ("token_type_hint", "access_token")])
        let unknown = try await client.send("POST", oauth.url("/oauth/revoke"), form: [
            ("token", "mock_at_unknown"), ("client_id", "understudy"), ("client_secret", "understudy-secret"),
        ])

        #expect(revoked.status == 200 && revoked.body.isEmpty)
        #expect(oauth.tokens.verdict(for: token) == .revoked)
        #expect(unknown.status == 200, "RFC 7009 §2.2: an invalid token is no error")
    }

    @Test func revocation_IsRefused_WithoutClientAuth_WithoutAToken_AndForAnotherClientsToken() async throws {
        let oauth = try MockSystem.make("oauth")
        defer { oauth.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }
        let theirs = oauth.tokens.issue(clientID: "someone-else", lifetime: .seconds(60))

        let anonymous = try await client.send("POST", oauth.url("/oauth/revoke"), form: [("token", theirs)])
        let noToken = try await client.send("POST", oauth.url("/oauth/revoke"), headers: Self.basic, form: [("token_type_hint", "access_token")])
        let other = try await client.send("POST", oauth.url("/oauth/revoke"), headers: Self.basic, form: [("token", theirs)])

        #expect(anonymous.status == 401)
        #expect(try anonymous.json()["error"] == "invalid_client")
        #expect(noToken.status == 400)
        #expect(try noToken.json()["error"] == "invalid_request")
        #expect(other.status == 400)
        #expect(try other.json()["error"] == "invalid_grant")
        #expect(oauth.tokens.verdict(for: theirs) == .valid)
    }
}
