// Who may call: bearer tokens, API keys, issuer tokens; refusals per RFC 6750; token issuance.
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

    /// RFC 6749 §4.4 client credentials: client authenticated by HTTP Basic or by form fields.
    func issueToken(_ request: HTTPRequest) -> HTTPResponse {
        guard let issuer = definition.issuer else { return Self.error(404, "not_found", "this system issues no tokens") }
        let form = Self.formFields(request.bodyText)
        var clientID = form["client_id"], secret = form["client_secret"]
        if let basic = request.headers["Authorization"], basic.lowercased().hasPrefix("basic "),
           let decoded = Data(base64Encoded: String(basic.dropFirst(6).trimmingWhitespace())).map({ String(decoding: $0, as: UTF8.self) }),
           let colon = decoded.firstIndex(of: ":") {
            clientID = String(decoded[..<colon]).removingPercentEncoding
            secret = String(decoded[decoded.index(after: colon)...]).removingPercentEncoding
        }
        func oauthError(_ status: Int, _ code: String, _ description: String, headers: HTTPHeaders = [:]) -> HTTPResponse {
            var all = headers
            all.add("Cache-Control", "no-store")
            return .json(status, JSONValue.object(["error": .string(code), "error_description": .string(description)]).encoded(), headers: all)
        }
        guard let grant = form["grant_type"] else { return oauthError(400, "invalid_request", "grant_type is required") }
        guard grant == "client_credentials" else { return oauthError(400, "unsupported_grant_type", "only client_credentials is supported") }
        guard let clientID, let secret,
              let client = issuer.clients.first(where: { $0.id == clientID }),
              constantTimeEquals(Array(client.secret.utf8), Array(secret.utf8)) else {
            return oauthError(401, "invalid_client", "unknown client or wrong secret", headers: ["WWW-Authenticate": "Basic realm=\"\(definition.name)\""])
        }
        let requested = form["scope"].map { $0.split(separator: " ").map(String.init) } ?? client.scopes
        if let outside = requested.first(where: { !client.scopes.contains($0) }) {
            return oauthError(400, "invalid_scope", "scope '\(outside)' is not granted to this client")
        }
        let token = tokens.issue(clientID: client.id, lifetimeSeconds: issuer.expiresIn)
        var body: JSONObject = ["access_token": .string(token), "token_type": "Bearer", "expires_in": .int(issuer.expiresIn)]
        if !requested.isEmpty { body["scope"] = .string(requested.joined(separator: " ")) }
        return .json(200, JSONValue.object(body).encoded(), headers: ["Cache-Control": "no-store", "Pragma": "no-cache"])
    }

    /// `application/x-www-form-urlencoded` fields.
    static func formFields(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let decode = { (part: Substring) in String(part).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(part) }
            fields[decode(parts[0])] = parts.count > 1 ? decode(parts[1]) : ""
        }
        return fields
    }
}
