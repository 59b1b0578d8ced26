// Decoding Feather's APICallConfiguration from a request body, every problem collected.
import JSONModel

extension APICallConfiguration {
    /// Decodes `value` at `loc`; nil when it is unusable (problems are in `reader`).
    static func decode(_ value: JSONValue, at loc: Location, reader: inout BodyReader) -> APICallConfiguration? {
        guard let object = reader.object(value, at: loc, model: true) else { return nil }
        let url = reader.string(object, "url", at: loc, required: true)
        if let url, let problem = URLTemplateRule.problem(in: url) { reader.valueError(loc + ["url"], problem) }
        let method = reader.choice(APICallMethod.self, object, "method", at: loc) ?? .get
        let headers = settings(object, "headers", at: loc, reader: &reader)
        let queryParams = settings(object, "query_params", at: loc, reader: &reader)
        let body = reader.object(object, "body", at: loc, nullable: false, model: false)
        let timeout = reader.int(object, "timeout", at: loc, range: timeoutRange) ?? defaultTimeout
        let variables = decodeVariables(object, at: loc, reader: &reader)
        let retry = reader.field(object, "retry", at: loc, required: false, nullable: true)
            .flatMap { RetryConfig.decode($0, at: loc + ["retry"], reader: &reader) }
        let oauth2 = reader.field(object, "oauth2", at: loc, required: false, nullable: true)
            .flatMap { OAuth2Settings.decode($0, at: loc + ["oauth2"], reader: &reader) }
        guard let url else { return nil }
        return APICallConfiguration(
            url: url, method: method, headers: headers, queryParams: queryParams, body: body, timeout: timeout,
            variables: variables, retry: retry, oauth2: oauth2)
    }

    private static func settings(_ object: JSONObject, _ key: String, at loc: Location, reader: inout BodyReader) -> [KeyValueSetting] {
        guard let items = reader.array(object, key, at: loc) else { return [] }
        return items.enumerated().compactMap { index, item in
            let itemLoc = loc + [.key(key), .index(index)]
            guard let entry = reader.object(item, at: itemLoc, model: true) else { return nil }
            let name = reader.string(entry, "key", at: itemLoc, required: true)
            let value = reader.string(entry, "value", at: itemLoc, required: true)
            let secure = reader.bool(entry, "secure", at: itemLoc) ?? false
            if let name, name.isEmpty { reader.report(itemLoc + ["key"], "String should have at least 1 character", type: "string_too_short") }
            guard let name, let value else { return nil }
            return KeyValueSetting(key: name, value: value, secure: secure)
        }
    }

    private static func decodeVariables(_ object: JSONObject, at loc: Location, reader: inout BodyReader) -> [VariableDefinition] {
        guard let items = reader.array(object, "variables", at: loc) else { return [] }
        var seen: Set<String> = []
        return items.enumerated().compactMap { index, item in
            let itemLoc = loc + ["variables", .index(index)]
            guard let entry = reader.object(item, at: itemLoc, model: true) else { return nil }
            let name = reader.string(entry, "name", at: itemLoc, required: true)
            let type = reader.choice(VariableType.self, entry, "type", at: itemLoc) ?? .str
            let description = reader.string(entry, "description", at: itemLoc, nullable: true)
            let required = reader.bool(entry, "required", at: itemLoc) ?? false
            guard let name else { return nil }
            if !VariableDefinition.isValidName(name) {
                reader.valueError(itemLoc + ["name"], "variable name must be letters, digits, _ or -, starting with a letter or _, got '\(name)'")
            } else if !seen.insert(name).inserted {
                reader.valueError(itemLoc + ["name"], "duplicate variable name '\(name)'")
            }
            return VariableDefinition(name: name, type: type, description: description, required: required)
        }
    }
}

extension VariableDefinition {
    /// Whether `name` can be used as `{{name}}`: ASCII letters, digits, `_`, `-`, starting with a letter or `_`
    /// (no dots, so a variable can never be confused with `metadata.key`).
    public static func isValidName(_ name: String) -> Bool {
        !name.contains(".") && PlaceholderScanner.isName(name[...])
    }
}

extension RetryConfig {
    /// Decodes Feather's `RetryConfig` at `loc` with its ranges; absent fields take Feather's defaults.
    static func decode(_ value: JSONValue, at loc: Location, reader: inout BodyReader) -> RetryConfig? {
        guard let object = reader.object(value, at: loc, model: true) else { return nil }
        var retry = RetryConfig()
        retry.maxRetries = reader.int(object, "max_retries", at: loc, range: maxRetriesRange) ?? retry.maxRetries
        retry.baseDelaySeconds = reader.number(object, "base_delay_seconds", at: loc, range: baseDelayRange) ?? retry.baseDelaySeconds
        retry.maxDelaySeconds = reader.number(object, "max_delay_seconds", at: loc, range: maxDelayRange) ?? retry.maxDelaySeconds
        retry.jitter = reader.bool(object, "jitter", at: loc) ?? retry.jitter
        return retry
    }
}
