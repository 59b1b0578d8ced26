// Systems started together: tokens the cluster's issuer hands out are accepted by `issued_token` systems, until they expire.
import Foundation
import HTTPWire
import Testing
@testable import MockSystems

@Suite struct MockClusterTests {
    /// Asks `oauth` for a token with the built-in client's credentials.
    private static func issueToken(_ client: HTTPClient, _ oauth: MockSystem) async throws -> String {
        let response = try await client.send("POST", oauth.url("/oauth/token"), headers: MockSystemOAuthTests.basic,
                                             form: [("grant_type", "client_credentials")])
        return try #require(try response.json()["access_token"]?.stringValue, "\(response.status) \(response.bodyText)")
    }

    @Test func cluster_StartsEveryBuiltInSystem_OnItsOwnPort() async throws {
        let definitions = try MockDefinition.builtinNames.map { try MockDefinition.builtin($0) }
        let cluster = try MockCluster(definitions: definitions) { _ in .make() }
        try cluster.start()
        defer { cluster.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }

        #expect(cluster.systems.map(\.definition.name) == ["crm", "ticketing", "webhook", "oauth"])
        #expect(Set(cluster.systems.compactMap(\.port)).count == 4)
        for system in cluster.systems {
            let described = try await client.send("GET", system.url("/__admin"))
            #expect(try described.json()["system"] == .string(system.definition.name))
        }
        #expect(cluster["nothing"] == nil)
    }

    @Test func issuedTokenCRM_AcceptsAnIssuedToken_AndRejectsAnUnknownOne() async throws {
        let definitions = [try MockDefinition.builtin("oauth"), try MockDefinition.builtin("crm")]
        let cluster = try MockCluster(definitions: definitions) { name in
            .make { if name == "crm" { $0.auth = .issuedToken } }
        }
        try cluster.start()
        defer { cluster.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }
        let oauth = try #require(cluster["oauth"]), crm = try #require(cluster["crm"])

        let token = try await Self.issueToken(client, oauth)
        let accepted = try await client.send("POST", crm.url("/callbacks"), headers: ["Authorization": "Bearer " + token], json: Fixture.lead())
        let unknown = try await client.send("POST", crm.url("/callbacks"), headers: ["Authorization": "Bearer mock_at_unknown"], json: Fixture.lead())
        let staticToken = try await client.send("POST", crm.url("/callbacks"), headers: Fixture.crmAuth, json: Fixture.lead())

        #expect(accepted.status == 201, "\(accepted.bodyText)")
        #expect(unknown.status == 401 && staticToken.status == 401)
        #expect(unknown.headers["WWW-Authenticate"]?.contains(#"error="invalid_token""#) == true)
        #expect(crm.journal.entries().map(\.auth) == [.accepted, .invalid, .invalid])
        #expect(crm.records(in: "leads").count == 1)
    }

    @Test func issuedTokenCRM_RejectsAnExpiredToken_WithInvalidToken() async throws {
        // MockCluster makes its own registry; systems built directly can share one driven by a fake clock.
        let clock = FakeClock()
        let tokens = TokenRegistry(clock: { clock.now })
        let oauth = try MockSystem.make("oauth", tokens: tokens)
        defer { oauth.stop() }
        let crm = try MockSystem.make("crm", tokens: tokens) { $0.auth = .issuedToken }
        defer { crm.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }
        let token = try await Self.issueToken(client, oauth)
        let headers: HTTPHeaders = ["Authorization": "Bearer " + token]

        let beforeExpiry = try await client.send("POST", crm.url("/callbacks"), headers: headers, json: Fixture.lead())
        clock.advance(seconds: 3_599)
        let lastSecond = try await client.send("GET", crm.url("/callbacks"), headers: headers)
        clock.advance(seconds: 1)
        let expired = try await client.send("POST", crm.url("/callbacks"), headers: headers, json: Fixture.lead())

        #expect(beforeExpiry.status == 201 && lastSecond.status == 200)
        #expect(expired.status == 401)
        #expect(try expired.json()["error"] == "invalid_token")
        let challenge = try #require(expired.headers["WWW-Authenticate"])
        #expect(challenge.contains(#"error="invalid_token""#) && challenge.contains("expired"))
        #expect(crm.journal.entries().map(\.auth) == [.accepted, .accepted, .expired])
        #expect(crm.records(in: "leads").count == 1)
    }
}
