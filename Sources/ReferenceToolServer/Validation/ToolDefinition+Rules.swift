// Rules that look at several fields at once: name limits, what each tool type needs, defaults vs variables, placeholders.
import JSONModel

/// The cross-field rules shared by create, revision create and revision update (Feather locations).
enum DefinitionRules {
    /// Name: 1-`ToolDefinition.maxNameLength` characters (Unicode scalars, as pydantic counts), not only whitespace.
    static func checkName(_ name: String, at loc: Location, reader: inout BodyReader) {
        let length = reader.nameLength(name)
        if length == 0 {
            reader.report(loc, "String should have at least 1 character", type: "string_too_short")
        } else if length > ToolDefinition.maxNameLength {
            reader.report(loc, "String should have at most \(ToolDefinition.maxNameLength) characters", type: "string_too_long")
        } else if name.allSatisfy(\.isWhitespace) {
            reader.valueError(loc, "name must not be only whitespace")
        }
    }

    /// The tool-type, input-default and placeholder rules for a (merged) definition, at Feather's body locations.
    static func problems(
        toolType: ToolType, configuration: APICallConfiguration?, transferTarget: TransferTarget?,
        inputDefaults: [String: InputDefault]
    ) -> [ValidationProblem] {
        var problems: [ValidationProblem] = []
        switch toolType {
        case .apiCall where configuration == nil:
            problems.append(ValidationProblem(loc: ["body", "configuration"], msg: "configuration is required when tool_type is api_call", type: "missing"))
        case .callTransfer where transferTarget == nil:
            problems.append(ValidationProblem(loc: ["body", "transfer_target"], msg: "transfer_target is required when tool_type is call_transfer", type: "missing"))
        default: break
        }
        problems += InputDefault.problems(inputDefaults, variables: configuration?.variables ?? [], at: ["body", "input_defaults"])
        if let configuration {
            problems += PlaceholderRule.unknownPlaceholders(in: configuration).map { PlaceholderRule.problem($0, at: featherLocation($0.site)) }
        }
        return problems
    }

    static func featherLocation(_ site: PlaceholderSite) -> Location {
        let base: Location = ["body", "configuration"]
        switch site {
        case .url: return base + ["url"]
        case let .header(index): return base + ["headers", .index(index), "value"]
        case let .queryParam(index): return base + ["query_params", .index(index), "value"]
        case let .body(path): return base + ["body"] + path
        }
    }

    /// Secret masks sent back with no stored secret to keep are `value_error` at the setting's value.
    static func restoreSecrets(_ configuration: APICallConfiguration?, from stored: APICallConfiguration?, reader: inout BodyReader) -> APICallConfiguration? {
        guard let configuration else { return nil }
        let restoration = reader.restoringSecrets(configuration, from: stored)
        let message = "value is the secret mask '\(SecretMask.placeholder)' but there is no stored secret with this key to keep"
        for index in restoration.unresolvedHeaders { reader.valueError(["body", "configuration", "headers", .index(index), "value"], message) }
        for index in restoration.unresolvedQueryParams { reader.valueError(["body", "configuration", "query_params", .index(index), "value"], message) }
        if restoration.unresolvedOAuth2Secret {
            reader.valueError(["body", "configuration", "oauth2", "client_secret"], DefinitionRules.unresolvedOAuth2SecretMessage)
        }
        return restoration.configuration
    }

    /// Why a masked `oauth2.client_secret` cannot be kept.
    static let unresolvedOAuth2SecretMessage = "client_secret is the secret mask '\(SecretMask.placeholder)' but no secret is stored "
        + "for this token_url and client_id; send the real secret"
}
