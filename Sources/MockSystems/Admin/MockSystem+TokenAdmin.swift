// The issuer's token admin API under /__admin/tokens: list issued tokens (never their values), expire or revoke them.
import JSONModel
import HTTPWire

extension MockSystem {
    /// The keys an expire or revoke body may hold (at most one; none selects every token).
    static let tokenSelectorKeys = ["token", "client_id", "fingerprint"]

    /// `GET /__admin/tokens`, `POST /__admin/tokens/expire`, `POST /__admin/tokens/revoke`. They live on the issuer's
    /// admin API: the registry is the cluster's, and the issuer is the system that hands the tokens out.
    func handleTokenAdmin(_ request: HTTPRequest, path: String) -> HTTPResponse {
        guard definition.issuer != nil else {
            return Self.error(404, "not_found", "\(definition.name) issues no tokens; use the token admin endpoints on the issuer's admin API")
        }
        switch (request.method, path) {
        case ("GET", "tokens"):
            let listed = tokens.list()
            return Self.ok(["tokens": .array(listed.map(\.json)), "count": .int(listed.count)])
        case ("POST", "tokens/expire"), ("POST", "tokens/revoke"):
            switch Self.tokenSelector(request.body) {
            case let .failure(early):
                return early.response
            case let .success(selector):
                return Self.ok(["affected": .int(path == "tokens/expire" ? tokens.expire(selector) : tokens.revoke(selector))])
            }
        default:
            return Self.error(404, "not_found", "no admin endpoint \(request.method) /__admin/\(path); token endpoints: "
                              + "GET /__admin/tokens, POST /__admin/tokens/expire, POST /__admin/tokens/revoke")
        }
    }

    /// Reads an expire or revoke body: empty or `{}` selects every token, else exactly one of `token`, `client_id`,
    /// `fingerprint` with a non-empty string. Pure.
    static func tokenSelector(_ body: [UInt8]) -> Result<TokenSelector, EarlyResponse> {
        guard body.contains(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) else { return .success(.all) }
        let usage = "send {} (every token), {\"token\": T}, {\"client_id\": C} or {\"fingerprint\": F}"
        let object: JSONObject
        do {
            guard case let .object(parsed) = try JSONValue.parse(body) else {
                return .failure(EarlyResponse(error(400, "bad_request", "the body must be a JSON object; \(usage)")))
            }
            object = parsed
        } catch {
            return .failure(EarlyResponse(Self.error(400, "invalid_json", "the body is not valid JSON (\(error.description)); \(usage)")))
        }
        if let unknown = object.keys.sorted().first(where: { !tokenSelectorKeys.contains($0) }) {
            return .failure(EarlyResponse(error(400, "bad_request", "unknown key '\(unknown)'; expected at most one of: \(tokenSelectorKeys.joined(separator: ", "))")))
        }
        guard object.count <= 1 else {
            return .failure(EarlyResponse(error(400, "bad_request", "give at most one of \(tokenSelectorKeys.joined(separator: ", ")), got \(object.keys.sorted().joined(separator: " and "))")))
        }
        guard let (key, value) = object.entries.first else { return .success(.all) }
        guard let text = value.stringValue, !text.isEmpty else {
            return .failure(EarlyResponse(error(400, "bad_request", "\(key) must be a non-empty string, got \(value.typeName)")))
        }
        switch key {
        case "token": return .success(.token(text))
        case "client_id": return .success(.clientID(text))
        default: return .success(.fingerprint(text))
        }
    }
}

extension IssuedToken {
    /// `{"fingerprint", "client_id", "state": "valid|expired|revoked", "issued_seconds_ago", "expires_in"}`.
    var json: JSONValue {
        .object(["fingerprint": .string(fingerprint), "client_id": .string(clientID), "state": .string(verdict.name),
                 "issued_seconds_ago": .int(issuedSecondsAgo), "expires_in": .int(expiresInSeconds)])
    }
}

extension TokenRegistry.Verdict {
    /// `valid`, `expired`, `revoked` or `unknown`.
    public var name: String {
        switch self {
        case .valid: return "valid"
        case .expired: return "expired"
        case .revoked: return "revoked"
        case .unknown: return "unknown"
        }
    }
}
