// RFC 8414 authorization server metadata: the document an issuer definition publishes, and the issuer's own URL.
import JSONModel

extension MockDefinition {
    /// The well-known path RFC 8414 §3 serves metadata under; an issuer with a path puts it after this (§3.1).
    static let oauthMetadataPath = "/.well-known/oauth-authorization-server"

    /// The RFC 8414 §2 document of this issuer reached at `origin` (`scheme://host[:port]`), fetched from `path`; nil
    /// when the system issues no tokens. Pure.
    ///
    /// - `issuer` is `origin` plus whatever follows the well-known path in `path` (§3.1), so it is identical to the URL
    ///   the metadata was fetched from minus the well-known part (§3.3).
    /// - `response_types_supported` is REQUIRED, and §3.2 forbids empty arrays, yet client credentials use no
    ///   authorization endpoint and so no response type (RFC 7591 §2.1 pairs `client_credentials` with none). The
    ///   document says `["none"]`: the registered response type that hands out no credential, the one value that is
    ///   non-empty (strict validators such as authlib's require that) and claims no grant the issuer lacks.
    func oauthMetadata(origin: String, path: String) -> JSONObject? {
        guard let issuer else { return nil }
        let suffix = path.hasPrefix(Self.oauthMetadataPath) ? String(path.dropFirst(Self.oauthMetadataPath.count)) : ""
        var document: JSONObject = [
            "issuer": .string(origin + (suffix == "/" ? "" : suffix)),
            "grant_types_supported": ["client_credentials"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
            "response_types_supported": ["none"],
        ]
        if let route = routes.first(where: { if case .issueToken = $0.action { true } else { false } }) {
            document["token_endpoint"] = .string(origin + route.path.text)
        }
        if let route = routes.first(where: { if case .revokeToken = $0.action { true } else { false } }) {
            document["revocation_endpoint"] = .string(origin + route.path.text)
            document["revocation_endpoint_auth_methods_supported"] = ["client_secret_basic", "client_secret_post"]
        }
        var scopes: [String] = []
        for scope in issuer.clients.flatMap(\.scopes) where !scopes.contains(scope) { scopes.append(scope) }
        if !scopes.isEmpty { document["scopes_supported"] = .array(scopes.map { .string($0) }) }
        return document
    }
}

/// Where clients reach an issuer, `scheme://host[:port]`: what its metadata names it and its endpoints by.
enum IssuerOrigin {
    /// The advertised host (`--advertise-host`) with the bound port when one is set; else the request's `Host` header
    /// when it is a plain `host[:port]`, so the issuer is the URL the client used; else `fallback` (the bound address).
    /// Pure.
    static func resolve(secure: Bool, advertisedHost: String?, boundPort: UInt16?, hostHeader: String?, fallback: String?) -> String {
        let scheme = secure ? "https://" : "http://"
        if let advertisedHost, !advertisedHost.isEmpty, let boundPort {
            let host = advertisedHost.contains(":") && !advertisedHost.hasPrefix("[") ? "[\(advertisedHost)]" : advertisedHost
            return scheme + host + ":\(boundPort)"
        }
        if let hostHeader, isPlainAuthority(hostHeader) { return scheme + hostHeader }
        return fallback ?? scheme + "127.0.0.1"
    }

    /// Letters, digits, `.-_:[]` only: a Host header that cannot smuggle a path, query, user or space into a URL.
    static func isPlainAuthority(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { byte in
            (0x61...0x7A).contains(byte) || (0x41...0x5A).contains(byte) || (0x30...0x39).contains(byte)
                || [UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: ":"), UInt8(ascii: "["), UInt8(ascii: "]")].contains(byte)
        }
    }
}
