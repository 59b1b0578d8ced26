// OAuth routes are checked at load: revocation and metadata need an issuer, and metadata can only say true things.
import Testing
@testable import MockSystems

@Suite struct MockDefinitionOAuthLoadingTests {
    static let issuerSection = #""oauth_issuer": {"clients": [{"client_id": "a", "client_secret": "s"}]}"#
    static let tokenRoute = #"{"id": "t", "method": "POST", "path": "/token", "action": {"issue_token": true}}"#
    static let metadataRoute = #"{"id": "m", "method": "GET", "path": "/.well-known/oauth-authorization-server", "action": {"oauth_metadata": true}}"#

    static func definition(issuer: Bool = true, routes: [String]) -> String {
        #"{"name": "issuer", \#(issuer ? issuerSection + "," : "") "routes": [\#(routes.joined(separator: ", "))]}"#
    }

    typealias BadDefinition = MockDefinitionErrorTests.BadDefinition

    static let badDefinitions: [BadDefinition] = [
        BadDefinition(label: "oauth_metadata without oauth_issuer", json: definition(issuer: false, routes: [metadataRoute]),
                      path: "routes[0].action.oauth_metadata", reason: "oauth_issuer"),
        BadDefinition(label: "revoke_token without oauth_issuer",
                      json: definition(issuer: false, routes: [#"{"method": "POST", "path": "/revoke", "action": {"revoke_token": true}}"#]),
                      path: "routes[0].action.revoke_token", reason: "oauth_issuer"),
        BadDefinition(label: "metadata by POST",
                      json: definition(routes: [tokenRoute, metadataRoute.replacingOccurrences(of: #""GET""#, with: #""POST""#)]),
                      path: "routes[1].method", reason: "GET"),
        BadDefinition(label: "metadata off the well-known path",
                      json: definition(routes: [tokenRoute, metadataRoute.replacingOccurrences(of: "/.well-known/oauth-authorization-server", with: "/metadata")]),
                      path: "routes[1].path", reason: "/.well-known/oauth-authorization-server"),
        BadDefinition(label: "metadata without a token route", json: definition(routes: [metadataRoute]),
                      path: "routes[0].action.oauth_metadata", reason: "issue_token"),
        BadDefinition(label: "metadata naming a token path with a parameter",
                      json: definition(routes: [tokenRoute.replacingOccurrences(of: "/token", with: "/{tenant}/token"), metadataRoute]),
                      path: "routes[0].path", reason: "fixed"),
        BadDefinition(label: "unknown action key", json: definition(routes: [#"{"method": "GET", "path": "/", "action": {"metadata": true}}"#]),
                      path: "routes[0].action.metadata", reason: "oauth_metadata"),
    ]

    @Test(arguments: badDefinitions)
    func load_Fails_NamingTheRouteAndWhatToChange(_ bad: BadDefinition) {
        #expect {
            try MockDefinition.load(json: Array(bad.json.utf8), file: "issuer.json")
        } throws: { error in
            guard let error = error as? DefinitionError else { return false }
            return error.path == bad.path && error.reason.contains(bad.reason)
        }
    }

    @Test func issuerWithMetadataAndRevocation_Loads_WithTheirActions() throws {
        let revoke = #"{"id": "r", "method": "POST", "path": "/revoke", "action": {"revoke_token": true}}"#
        let pathIssuer = Self.metadataRoute.replacingOccurrences(of: "server\"", with: "server/tenant\"").replacingOccurrences(of: "\"m\"", with: "\"m2\"")

        let definition = try MockDefinition.load(json: Array(Self.definition(routes: [Self.tokenRoute, revoke, Self.metadataRoute, pathIssuer]).utf8),
                                                 file: "issuer.json")

        #expect(definition.routes.map(\.id) == ["t", "r", "m", "m2"])
        #expect(definition.routes.map { "\($0.action)" } == ["issueToken", "revokeToken", "oauthMetadata", "oauthMetadata"])
    }
}
