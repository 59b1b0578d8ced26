// The configuration parts of Feather's answers, always with secrets masked.
import JSONModel

extension APICallConfiguration {
    /// Feather's `APICallConfiguration` JSON with every secure value masked; `body` is left out when there is none,
    /// and so is the `oauth2` extension.
    public var maskedJSON: JSONValue {
        let shown = masked()
        var object: JSONObject = [
            "url": .string(shown.url),
            "method": .string(shown.method.rawValue),
            "headers": .array(shown.headers.map(\.json)),
            "query_params": .array(shown.queryParams.map(\.json)),
        ]
        if let body = shown.body { object["body"] = .object(body) }
        object["timeout"] = .int(shown.timeout)
        object["variables"] = .array(shown.variables.map(\.json))
        object["retry"] = shown.retry.map(\.json) ?? .null
        if let oauth2 = shown.oauth2 { object["oauth2"] = oauth2.json }
        return .object(object)
    }
}

extension KeyValueSetting {
    /// `{key, value, secure}` as stored; call on masked settings only.
    var json: JSONValue { ["key": .string(key), "value": .string(value), "secure": .bool(secure)] }
}

extension VariableDefinition {
    /// Feather's `VariableDefinition` JSON.
    var json: JSONValue {
        ["name": .string(name), "type": .string(type.rawValue), "description": description.map(JSONValue.string) ?? .null,
         "required": .bool(required)]
    }
}

extension OAuth2Settings {
    /// `{token_url, client_id, client_secret, scopes}` as stored; call on masked settings only.
    var json: JSONValue {
        ["token_url": .string(tokenURL), "client_id": .string(clientID), "client_secret": .string(clientSecret),
         "scopes": .array(scopes.map(JSONValue.string))]
    }
}

extension RetryConfig {
    /// Feather's `RetryConfig` JSON.
    var json: JSONValue {
        ["max_retries": .int(maxRetries), "base_delay_seconds": .double(baseDelaySeconds),
         "max_delay_seconds": .double(maxDelaySeconds), "jitter": .bool(jitter)]
    }
}

extension TransferTarget {
    /// Feather's `TransferTargetView`: the unused variant is left out.
    public var json: JSONValue {
        var object = JSONObject()
        switch route {
        case let .destination(destination): object["destination"] = .string(destination)
        case let .source(source):
            object["destination_source"] = [
                "type": "api_tool", "tool_id": .string(source.toolID), "input_mapping": .object(source.inputMapping),
                "response_path": .string(source.responsePath),
            ]
        }
        object["mode"] = .string(mode.rawValue)
        return .object(object)
    }
}

extension ResponseFieldSelector {
    /// Feather's `ResponseFieldSelector` JSON.
    public var json: JSONValue {
        ["field_mappings": .array(fieldMappings.map {
            ["path": .string($0.path), "alias": $0.alias.map(JSONValue.string) ?? .null]
        })]
    }
}

extension InputDefault {
    /// Feather's `InputArgConfig` JSON.
    var json: JSONValue { ["value": value, "type": .string(kind.rawValue)] }
}
