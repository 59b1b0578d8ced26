// Decoding the `oauth2` object (Feather's configuration and OneInbox's top level), every problem collected.
import JSONModel

extension OAuth2Settings {
    /// Decodes `{token_url, client_id, client_secret, scopes}` at `loc`; nil when it is unusable (problems are in
    /// `reader`). token_url must be an absolute http(s) URL without placeholders; client_id and client_secret are
    /// required, non-empty strings; scopes is an optional list of non-empty strings without spaces. Other keys are
    /// ignored, as everywhere in a configuration.
    static func decode(_ value: JSONValue, at loc: Location, reader: inout BodyReader) -> OAuth2Settings? {
        guard let object = reader.object(value, at: loc, model: true) else { return nil }
        let tokenURL = reader.string(object, "token_url", at: loc, required: true)
        if let tokenURL, tokenURL.contains("{{") || URLTemplateRule.problem(in: tokenURL) != nil {
            reader.valueError(loc + ["token_url"], "token_url must be an absolute http:// or https:// URL without placeholders, got '\(tokenURL)'")
        }
        let clientID = nonEmpty(object, "client_id", at: loc, reader: &reader)
        let clientSecret = nonEmpty(object, "client_secret", at: loc, reader: &reader)
        let scopes = (reader.array(object, "scopes", at: loc, nullable: true) ?? []).enumerated().compactMap { index, item in
            let itemLoc = loc + ["scopes", .index(index)]
            guard let scope = reader.string(item, at: itemLoc) else { return nil as String? }
            if scope.isEmpty || scope.contains(where: \.isWhitespace) {
                reader.valueError(itemLoc, "a scope must be a non-empty word without spaces (RFC 6749 §3.3), got '\(scope)'")
            }
            return scope
        }
        guard let tokenURL, let clientID, let clientSecret else { return nil }
        return OAuth2Settings(tokenURL: tokenURL, clientID: clientID, clientSecret: clientSecret, scopes: scopes)
    }

    private static func nonEmpty(_ object: JSONObject, _ key: String, at loc: Location, reader: inout BodyReader) -> String? {
        let text = reader.string(object, key, at: loc, required: true)
        if let text, text.isEmpty { reader.report(loc + [.key(key)], "String should have at least 1 character", type: "string_too_short") }
        return text
    }
}
