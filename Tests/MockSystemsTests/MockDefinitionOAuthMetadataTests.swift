// The RFC 8414 document an issuer definition publishes, and the origin the issuer names itself by (pure).
import JSONModel
import Testing
@testable import MockSystems

@Suite struct MockDefinitionOAuthMetadataTests {
    static let origin = "http://127.0.0.1:8443"

    @Test func builtinIssuer_PublishesEndpointsGrantsAuthMethodsAndScopes() throws {
        let document = try #require(try MockDefinition.builtin("oauth").oauthMetadata(origin: Self.origin, path: MockDefinition.oauthMetadataPath))

        #expect(JSONValue.object(document) == [
            "issuer": "http://127.0.0.1:8443",
            "token_endpoint": "http://127.0.0.1:8443/oauth/token",
            "revocation_endpoint": "http://127.0.0.1:8443/oauth/revoke",
            "revocation_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
            "grant_types_supported": ["client_credentials"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
            "scopes_supported": ["leads:write", "tickets:write"],
            "response_types_supported": ["none"],
        ])
    }

    @Test func issuer_IsTheFetchedURL_MinusTheWellKnownPart_ForAnIssuerWithAPath() throws {
        let definition = try MockDefinition.builtin("oauth")

        let document = try #require(definition.oauthMetadata(origin: Self.origin, path: MockDefinition.oauthMetadataPath + "/tenant-1"))

        #expect(document["issuer"] == "http://127.0.0.1:8443/tenant-1")
        #expect(document["token_endpoint"] == "http://127.0.0.1:8443/oauth/token")
    }

    @Test func scopes_AreTheUnionOfTheClients_InOrder_AndOmittedWhenNone() throws {
        let definition = try MockDefinition.load(json: Array(Self.issuer(clients: #"""
            {"client_id": "a", "client_secret": "s", "scopes": ["x", "y"]}, {"client_id": "b", "client_secret": "s", "scopes": ["y", "z"]}
            """#).utf8), file: "issuer.json")
        let bare = try MockDefinition.load(json: Array(Self.issuer(clients: #"{"client_id": "a", "client_secret": "s"}"#).utf8), file: "issuer.json")

        #expect(definition.oauthMetadata(origin: Self.origin, path: "/")?["scopes_supported"] == ["x", "y", "z"])
        #expect(bare.oauthMetadata(origin: Self.origin, path: "/")?["scopes_supported"] == nil, "RFC 8414 §3.2: no empty arrays")
        #expect(bare.oauthMetadata(origin: Self.origin, path: "/")?["revocation_endpoint"] == nil, "no revoke_token route")
    }

    @Test func systemWithoutAnIssuer_HasNoDocument() throws {
        #expect(try MockDefinition.builtin("crm").oauthMetadata(origin: Self.origin, path: MockDefinition.oauthMetadataPath) == nil)
    }

    /// An issuer with a token route and a metadata route, and these clients.
    static func issuer(clients: String) -> String {
        #"{"name": "issuer", "oauth_issuer": {"clients": [\#(clients)]}, "routes": ["#
            + #"{"id": "t", "method": "POST", "path": "/token", "auth": false, "action": {"issue_token": true}},"#
            + #"{"id": "m", "method": "GET", "path": "/.well-known/oauth-authorization-server", "action": {"oauth_metadata": true}}]}"#
    }

    // MARK: The issuer's origin

    @Test func origin_IsTheAdvertisedHostAndBoundPort_WhenAHostIsAdvertised() {
        #expect(IssuerOrigin.resolve(secure: true, advertisedHost: "mocks.test", boundPort: 8443, hostHeader: "127.0.0.1:8443",
                                     fallback: nil) == "https://mocks.test:8443")
        #expect(IssuerOrigin.resolve(secure: false, advertisedHost: "::1", boundPort: 80, hostHeader: nil, fallback: nil) == "http://[::1]:80")
    }

    @Test func origin_IsTheHostHeader_SoTheIssuerIsTheURLTheClientUsed() {
        #expect(IssuerOrigin.resolve(secure: false, advertisedHost: nil, boundPort: 8080, hostHeader: "localhost:8080",
                                     fallback: "http://127.0.0.1:8080") == "http://localhost:8080")
        #expect(IssuerOrigin.resolve(secure: true, advertisedHost: nil, boundPort: 8443, hostHeader: "[::1]:8443", fallback: nil) == "https://[::1]:8443")
    }

    @Test(arguments: ["evil.test/path?", "a b", "user@host", "", "host#frag"])
    func origin_FallsBackToTheBoundAddress_WhenTheHostHeaderIsNotAPlainAuthority(_ header: String) {
        #expect(IssuerOrigin.resolve(secure: false, advertisedHost: nil, boundPort: 8080, hostHeader: header,
                                     fallback: "http://127.0.0.1:8080") == "http://127.0.0.1:8080")
    }
}
