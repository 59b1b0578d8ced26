// One client-credentials token request: form body, HTTP Basic client authentication, the token response read.
import Foundation
import HTTPWire
import JSONModel

extension OAuthTokenCache {
    /// Asks the issuer for a token: `POST token_url` with `grant_type=client_credentials` (and `scope` when scopes
    /// are configured), the client authenticated by HTTP Basic (RFC 6749 §2.3.1: id and secret form-encoded first).
    func fetch(_ credentials: OAuthClientCredentials) async -> Result<IssuedToken, OAuthTokenError> {
        let started = now()
        let response: HTTPResponse
        do throws(HTTPClientError) {
            response = try await client.execute(Self.tokenRequest(credentials), timeout: configuration.fetchTimeout)
        } catch {
            return .failure(.unreachable(error))
        }
        return Self.readToken(response).map { value, lifetime in
            IssuedToken(value: value, refreshAt: refreshAt(issuedAt: started, lifetime: lifetime ?? configuration.defaultLifetime))
        }
    }

    /// The token request for `credentials`.
    static func tokenRequest(_ credentials: OAuthClientCredentials) -> HTTPClientRequest {
        let user = PlaceholderRenderer.percentEncoded(credentials.clientID)
        let password = PlaceholderRenderer.percentEncoded(credentials.clientSecret)
        var form = "grant_type=client_credentials"
        if !credentials.scopes.isEmpty {
            form += "&scope=" + PlaceholderRenderer.percentEncoded(credentials.scopes.joined(separator: " "))
        }
        let headers: HTTPHeaders = [
            "Authorization": "Basic " + Data((user + ":" + password).utf8).base64EncodedString(),
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept": "application/json",
        ]
        return HTTPClientRequest(method: "POST", url: credentials.tokenURL, headers: headers, body: Array(form.utf8))
    }

    /// The access token and lifetime in a token response (RFC 6749 §5.1), or why there is none.
    static func readToken(_ response: HTTPResponse) -> Result<(String, Duration?), OAuthTokenError> {
        let json = try? JSONValue.parse(response.body)
        guard (200..<300).contains(response.status) else {
            return .failure(.refused(status: response.status, error: json?["error"]?.stringValue))
        }
        guard let token = json?["access_token"]?.stringValue, !token.isEmpty else {
            return .failure(.invalidTokenResponse("no access_token string in the \(response.status) answer"))
        }
        if let type = json?["token_type"]?.stringValue, type.lowercased() != "bearer" {
            return .failure(.invalidTokenResponse("token_type is '\(type)', only Bearer is supported"))
        }
        let lifetime = (json?["expires_in"]?.intValue ?? json?["expires_in"]?.stringValue.flatMap { Int($0) })
            .map { Duration.seconds(max(0, $0)) }
        return .success((token, lifetime))
    }

    /// When a token issued at `issuedAt` for `lifetime` should be replaced: before its expiry by the smaller of
    /// `maxExpiryMargin` and `expiryMarginFraction` of the lifetime.
    func refreshAt(issuedAt: UInt64, lifetime: Duration) -> UInt64 {
        let lifetimeNanos = lifetime.nanoseconds
        let fraction = UInt64(Double(lifetimeNanos) * min(1, max(0, configuration.expiryMarginFraction)))
        let margin = min(configuration.maxExpiryMargin.nanoseconds, fraction)
        return issuedAt &+ (lifetimeNanos - margin)
    }
}
