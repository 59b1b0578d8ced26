// Why no access token could be had from an OAuth issuer.
import HTTPWire

/// Why `OAuthTokenCache` could not produce a token. The client secret never appears in any of these.
public enum OAuthTokenError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The token endpoint could not be reached or did not answer in time.
    case unreachable(HTTPClientError)
    /// The issuer answered with a non-2xx status; `error` is its RFC 6749 §5.2 code when it sent one.
    case refused(status: Int, error: String?)
    /// The issuer answered 2xx without a usable token; the text says what was missing.
    case invalidTokenResponse(String)

    /// What went wrong, in plain words.
    public var description: String {
        switch self {
        case let .unreachable(error): return "the OAuth token endpoint could not be reached: \(error)"
        case let .refused(status, error?): return "the OAuth token endpoint refused with \(status) (\(error)); check client_id, client_secret and scopes"
        case let .refused(status, nil): return "the OAuth token endpoint refused with \(status); check client_id, client_secret and scopes"
        case let .invalidTokenResponse(reason): return "the OAuth token response is unusable: \(reason)"
        }
    }
}
