// Reading and checking an issuer's OAuth routes: RFC 7009 revocation, RFC 8414 metadata and the endpoints it names.
import JSONModel

extension MockDefinition {
    /// `{"revoke_token": true}` or `{"oauth_metadata": true}`; nil when the action names neither.
    /// - Throws: `DefinitionError` when the definition has no `oauth_issuer` section.
    static func loadOAuthAction(_ reader: DefinitionReader, hasIssuer: Bool) throws(DefinitionError) -> RouteAction? {
        let actions: [(key: String, action: RouteAction)] = [("revoke_token", .revokeToken), ("oauth_metadata", .oauthMetadata)]
        for (key, action) in actions {
            guard try reader.bool(key) == true else { continue }
            guard hasIssuer else { throw reader.failure(key, "needs an 'oauth_issuer' section in the definition") }
            return action
        }
        return nil
    }

    /// Checks across routes, so that a metadata document can only say true things: it is served by GET under the
    /// RFC 8414 well-known path, and the endpoints it names exist at fixed paths.
    /// - Throws: `DefinitionError` naming the route and what to change.
    static func checkOAuthRoutes(_ routes: [RouteSpec], file: String) throws(DefinitionError) {
        let metadataRoutes = routes.indices.filter { if case .oauthMetadata = routes[$0].action { true } else { false } }
        guard let first = metadataRoutes.first else { return }
        for index in metadataRoutes {
            let route = routes[index]
            guard route.method == "GET" else {
                throw DefinitionError(file: file, path: "routes[\(index)].method", reason: "oauth_metadata is fetched with GET (RFC 8414 §3.1), got \(route.method)")
            }
            guard route.path.text == oauthMetadataPath || route.path.text.hasPrefix(oauthMetadataPath + "/") else {
                throw DefinitionError(file: file, path: "routes[\(index)].path",
                                      reason: "oauth_metadata must be served at \(oauthMetadataPath) (or below it, for an issuer with a path; RFC 8414 §3.1), got \(route.path.text)")
            }
        }
        guard routes.contains(where: { if case .issueToken = $0.action { true } else { false } }) else {
            throw DefinitionError(file: file, path: "routes[\(first)].action.oauth_metadata",
                                  reason: "the metadata must name a token endpoint: add a route with {\"issue_token\": true}")
        }
        for (index, route) in routes.enumerated() {
            let namedByMetadata = switch route.action {
            case .issueToken, .revokeToken: true
            default: false
            }
            let fixedPath = route.path.segments.allSatisfy { if case .literal = $0 { true } else { false } }
            guard !namedByMetadata || fixedPath else {
                throw DefinitionError(file: file, path: "routes[\(index)].path",
                                      reason: "the oauth_metadata route names this endpoint, so its path must be fixed (no {parameters} or *), got \(route.path.text)")
            }
        }
    }
}
