// The OAuth 2.0 client-credentials settings the executor fetches tokens with: the model's own settings type.

/// Where and as whom to fetch access tokens (RFC 6749 §4.4); see `OAuth2Settings`.
public typealias OAuthClientCredentials = OAuth2Settings
