// Reading OneInbox's headers object and parameters list, and its cross-field rules, at OneInbox's locations.
import JSONModel

enum OneInboxFields {
    /// `headers`: an object of string values; secure by `OneInboxMapping.isSecretHeader`.
    static func headers(_ object: JSONObject, reader: inout BodyReader) -> [KeyValueSetting]? {
        guard let headers = reader.object(object, "headers", at: ["body"], nullable: true, model: false) else { return nil }
        var pairs: [(key: String, value: String)] = []
        for (key, value) in headers {
            if key.isEmpty { reader.valueError(["body", "headers"], "header names must not be empty") }
            if let text = reader.string(value, at: ["body", "headers", .key(key)]) { pairs.append((key, text)) }
        }
        return pairs.map { KeyValueSetting(key: $0.key, value: $0.value, secure: reader.isSecretHeader($0.key)) }
    }

    /// `parameters`: `[{name, required, description}]` mapped to `str` variables; names unique and usable as `{{name}}`.
    static func parameters(_ object: JSONObject, reader: inout BodyReader) -> [VariableDefinition]? {
        guard let items = reader.array(object, "parameters", at: ["body"], nullable: true) else { return nil }
        var seen: Set<String> = []
        return items.enumerated().compactMap { index, item in
            let loc: Location = ["body", "parameters", .index(index)]
            guard let entry = reader.object(item, at: loc, model: true) else { return nil }
            let name = reader.string(entry, "name", at: loc, required: true)
            let required = reader.bool(entry, "required", at: loc) ?? false
            let description = reader.string(entry, "description", at: loc, nullable: true)
            guard let name else { return nil }
            if !VariableDefinition.isValidName(name) {
                reader.valueError(loc + ["name"], "parameter name must be letters, digits, _ or -, starting with a letter or _, got '\(name)'")
            } else if !seen.insert(name).inserted {
                reader.valueError(loc + ["name"], "duplicate parameter name '\(name)'")
            }
            return VariableDefinition(name: name, type: .str, description: description, required: required)
        }
    }

    /// `oauth2` (an Understudy extension, the same object as in Feather's configuration): unchanged when absent,
    /// cleared when null; nil when it is unusable (problems are in `reader`).
    static func oauth2(_ object: JSONObject, reader: inout BodyReader) -> FieldUpdate<OAuth2Settings>? {
        guard let value = object["oauth2"] else { return .unchanged }
        if value == .null { return .cleared }
        return OAuth2Settings.decode(value, at: ["body", "oauth2"], reader: &reader).map { .set($0) }
    }

    /// `transfer_to`: nil when absent, `.cleared` when null, else a checked destination (cold transfer).
    static func transferTo(_ object: JSONObject, reader: inout BodyReader) -> FieldUpdate<TransferTarget>? {
        guard let value = object["transfer_to"] else { return .unchanged }
        if value == .null { return .cleared }
        guard let destination = reader.string(value, at: ["body", "transfer_to"]) else { return nil }
        return TransferTarget.checkedDestination(destination, mode: .cold, at: ["body", "transfer_to"], reader: &reader).map { .set($0) }
    }

    /// What each tool type needs, and the placeholder rule, at OneInbox locations.
    static func problems(_ definition: ToolDefinition) -> [ValidationProblem] {
        var problems: [ValidationProblem] = []
        switch definition.toolType {
        case .apiCall where definition.configuration == nil:
            problems.append(ValidationProblem(loc: ["body", "url"], msg: "url is required when type is api_call", type: "missing"))
        case .callTransfer where definition.transferTarget == nil:
            problems.append(ValidationProblem(loc: ["body", "transfer_to"], msg: "transfer_to is required when type is call_transfer", type: "missing"))
        default: break
        }
        if let configuration = definition.configuration {
            problems += PlaceholderRule.unknownPlaceholders(in: configuration).map { finding in
                switch finding.site {
                case let .header(index) where index < configuration.headers.count:
                    return PlaceholderRule.problem(finding, at: ["body", "headers", .key(configuration.headers[index].key)])
                case .body, .queryParam: return PlaceholderRule.problem(finding, at: ["body", "parameters"])
                default: return PlaceholderRule.problem(finding, at: ["body", "url"])
                }
            }
        }
        return problems
    }
}
