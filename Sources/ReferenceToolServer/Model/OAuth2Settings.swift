// The OAuth 2.0 client-credentials settings an api_call tool may reference (an Understudy extension).

/// Where and as whom the server fetches access tokens for a tool (RFC 6749 §4.4). JSON: `oauth2` inside Feather's
/// `configuration`, top-level in OneInbox's shape: `{"token_url", "client_id", "client_secret", "scopes"}`.
/// `clientSecret` is a secret: masked in every answer, kept when the mask is sent back, never sent downstream.
public struct OAuth2Settings: Sendable, Hashable {
    /// The issuer's token endpoint: an absolute http(s) URL without placeholders.
    public var tokenURL: String
    /// The client identifier; not empty.
    public var clientID: String
    /// The client secret; not empty. Sent only to `tokenURL`.
    public var clientSecret: String
    /// Scopes to request; empty asks for the client's default scopes.
    public var scopes: [String]

    /// Settings for one client at one issuer.
    public init(tokenURL: String, clientID: String, clientSecret: String, scopes: [String] = []) {
        self.tokenURL = tokenURL
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.scopes = scopes
    }

    /// These settings with the client secret replaced by `SecretMask.placeholder`.
    public func masked() -> OAuth2Settings {
        var copy = self
        copy.clientSecret = SecretMask.placeholder
        return copy
    }

    /// Whether `stored`'s secret may stand in for a masked one here: the secret belongs to one client at one issuer,
    /// so a mask keeps it only while `token_url` and `client_id` are unchanged (it is never sent to a new endpoint).
    func canKeepSecret(of stored: OAuth2Settings) -> Bool {
        tokenURL == stored.tokenURL && clientID == stored.clientID
    }
}
