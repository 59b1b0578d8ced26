// Who may call: bearer tokens, API keys, issuer tokens; refusals per RFC 6750.
import JSONModel
import Foundation
import HTTPWire

extension MockSystem {
    func authenticate(_ request: HTTPRequest) -> AuthOutcome {
        switch auth {
        case .none:
            return .notRequired
        case let .bearer(expected):
            guard let token = Self.bearerToken(request.headers) else { return .missing }
            return constantTimeEquals(Array(token.utf8), Array(expected.utf8)) ? .accepted : .invalid
        case let .apiKey(header, expected):
            guard let key = request.headers[header], !key.isEmpty else { return .missing }
            return constantTimeEquals(Array(key.utf8), Array(expected.utf8)) ? .accepted : .invalid
        case .issuedToken:
            guard let token = Self.bearerToken(request.headers) else { return .missing }
            switch tokens.verdict(for: token) {
            case .valid: return .accepted
            case .expired: return .expired
            case .revoked: return .revoked
            case .unknown: return .invalid
            }
        }
    }

    /// The 401 for a failed check, or nil when the outcome lets the request through.
    func refusal(for outcome: AuthOutcome) -> HTTPResponse? {
        let realm = "realm=\"\(definition.name)\""
        switch (outcome, auth) {
        case (.accepted, _), (.notRequired, _):
            return nil
        case (.missing, .apiKey(let header, _)):
            return Self.error(401, "unauthorized", "the \(header) header is missing")
        case (.invalid, .apiKey(let header, _)):
            return Self.error(401, "unauthorized", "the \(header) header does not hold a valid key")
        case (.missing, _):
            return Self.error(401, "unauthorized", "an 'Authorization: Bearer <token>' header is required",
                              headers: ["WWW-Authenticate": "Bearer \(realm)"])
        case (.expired, _):
            return Self.error(401, "invalid_token", "the access token expired",
                              headers: ["WWW-Authenticate": "Bearer \(realm), error=\"invalid_token\", error_description=\"the access token expired\""])
        case (.revoked, _):
            return Self.error(401, "invalid_token", "the access token was revoked",
                              headers: ["WWW-Authenticate": "Bearer \(realm), error=\"invalid_token\", error_description=\"the access token was revoked\""])
        case (.invalid, _):
            return Self.error(401, "invalid_token", "the bearer token is not valid here",
                              headers: ["WWW-Authenticate": "Bearer \(realm), error=\"invalid_token\""])
        }
    }

    static func bearerToken(_ headers: HTTPHeaders) -> String? {
        guard let value = headers["Authorization"] else { return nil }
        let parts = value.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = String(parts[1].trimmingWhitespace())
        return token.isEmpty ? nil : token
    }
}
