// The OAuth 2.0 client-credentials settings a tool may reference.

/// Where and as whom to fetch access tokens (RFC 6749 §4.4). The secret is sent only to `tokenURL`, never downstream.
public struct OAuthClientCredentials: Sendable, Hashable {
    /// The issuer's token endpoint, e.g. `http://issuer.local/oauth/token`.
    public var tokenURL: String
    /// The client identifier.
    public var clientID: String
    /// The client secret (a secret: never returned, never logged, never sent to the tool's API).
    public var clientSecret: String
    /// Scopes to request; empty requests the client's default scopes (no `scope` field is sent).
    public var scopes: [String]

    /// Credentials for one client at one issuer.
    public init(tokenURL: String, clientID: String, clientSecret: String, scopes: [String] = []) {
        self.tokenURL = tokenURL
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.scopes = scopes
    }
}
