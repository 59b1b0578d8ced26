// The built-in OAuth issuer over loopback: RFC 6749 client credentials, by HTTP Basic or by form, and its errors.
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
}
