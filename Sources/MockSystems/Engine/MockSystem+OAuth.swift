// The OAuth issuer's endpoints: RFC 6749 client-credentials tokens, RFC 7009 revocation, RFC 8414 metadata.
import JSONModel
import Foundation
import HTTPWire

extension MockSystem {
    /// RFC 6749 §4.4 client credentials: client authenticated by HTTP Basic or by form fields.
    func issueToken(_ request: HTTPRequest) -> HTTPResponse {
        guard let issuer = definition.issuer else { return Self.error(404, "not_found", "this system issues no tokens") }
        let form = Self.formFields(request.bodyText)
        guard let grant = form["grant_type"] else { return Self.oauthError(400, "invalid_request", "grant_type is required") }
        guard grant == "client_credentials" else { return Self.oauthError(400, "unsupported_grant_type", "only client_credentials is supported") }
        guard let client = authenticatedClient(request, form: form, issuer: issuer) else { return invalidClient() }
        let requested = form["scope"].map { $0.split(separator: " ").map(String.init) } ?? client.scopes
        if let outside = requested.first(where: { !client.scopes.contains($0) }) {
            return Self.oauthError(400, "invalid_scope", "scope '\(outside)' is not granted to this client")
        }
        let token = tokens.issue(clientID: client.id, lifetime: .seconds(issuer.expiresIn))
        var body: JSONObject = ["access_token": .string(token), "token_type": "Bearer", "expires_in": .int(issuer.expiresIn)]
        if !requested.isEmpty { body["scope"] = .string(requested.joined(separator: " ")) }
        return .json(200, JSONValue.object(body).encoded(), headers: ["Cache-Control": "no-store", "Pragma": "no-cache"])
    }

    /// RFC 7009: an authenticated client revokes one of its own tokens. An unknown token is no error (§2.2); a token
    /// issued to another client is refused with `invalid_grant`, as authlib's server does.
    func revokeToken(_ request: HTTPRequest) -> HTTPResponse {
        guard let issuer = definition.issuer else { return Self.error(404, "not_found", "this system issues no tokens") }
        let form = Self.formFields(request.bodyText)
        guard let client = authenticatedClient(request, form: form, issuer: issuer) else { return invalidClient() }
        guard let token = form["token"], !token.isEmpty else { return Self.oauthError(400, "invalid_request", "token is required") }
        if let owner = tokens.clientID(of: token), owner != client.id {
            return Self.oauthError(400, "invalid_grant", "the token was issued to another client")
        }
        tokens.revoke(.token(token))
        return HTTPResponse(status: 200, headers: ["Cache-Control": "no-store"])
    }

    /// RFC 8414 §3: the metadata document, naming the issuer by the URL this request reached (§3.3).
    func oauthMetadata(_ request: HTTPRequest) -> HTTPResponse {
        let origin = IssuerOrigin.resolve(secure: options.http.tls != nil, advertisedHost: options.advertisedHost, boundPort: port,
                                          hostHeader: request.headers["Host"], fallback: baseURL)
        guard let document = definition.oauthMetadata(origin: origin, path: String(request.path)) else {
            return Self.error(404, "not_found", "this system issues no tokens")
        }
        return .json(200, JSONValue.object(document).encoded())
    }

    /// The client whose credentials (HTTP Basic, else `client_id` / `client_secret` form fields) are right, or nil.
    private func authenticatedClient(_ request: HTTPRequest, form: [String: String], issuer: IssuerSpec) -> IssuerSpec.Client? {
        var clientID = form["client_id"], secret = form["client_secret"]
        if let basic = request.headers["Authorization"], basic.lowercased().hasPrefix("basic "),
           let decoded = Data(base64Encoded: String(basic.dropFirst(6).trimmingWhitespace())).map({ String(decoding: $0, as: UTF8.self) }),
           let colon = decoded.firstIndex(of: ":") {
            clientID = String(decoded[..<colon]).removingPercentEncoding
            secret = String(decoded[decoded.index(after: colon)...]).removingPercentEncoding
        }
        guard let clientID, let secret, let client = issuer.clients.first(where: { $0.id == clientID }),
              constantTimeEquals(Array(client.secret.utf8), Array(secret.utf8)) else { return nil }
        return client
    }

    private func invalidClient() -> HTTPResponse {
        Self.oauthError(401, "invalid_client", "unknown client or wrong secret", headers: ["WWW-Authenticate": "Basic realm=\"\(definition.name)\""])
    }

    /// An RFC 6749 §5.2 error: `{"error", "error_description"}`, never cached.
    static func oauthError(_ status: Int, _ code: String, _ description: String, headers: HTTPHeaders = [:]) -> HTTPResponse {
        var all = headers
        all.add("Cache-Control", "no-store")
        return .json(status, JSONValue.object(["error": .string(code), "error_description": .string(description)]).encoded(), headers: all)
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
