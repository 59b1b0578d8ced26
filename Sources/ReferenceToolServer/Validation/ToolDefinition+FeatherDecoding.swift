// Decoding Feather's ToolCreate body into a ToolDefinition.
import JSONModel

extension ToolDefinition {
    /// Decodes and validates a Feather `POST /v1/tools` body (`ToolCreate`).
    /// - Returns: the definition (with SHOULD-level warnings, e.g. unknown placeholders), or every problem found.
    package static func decode(featherBody body: JSONValue, deviations: ContractDeviations = ContractDeviations()) -> ValidationOutcome<ToolDefinition> {
        var reader = BodyReader(deviations: deviations)
        guard let object = reader.object(body, at: ["body"], model: true) else { return ValidationOutcome(nil, problems: reader.problems) }
        let name = reader.string(object, "name", at: ["body"], required: true)
        if let name { DefinitionRules.checkName(name, at: ["body", "name"], reader: &reader) }
        let description = reader.string(object, "description", at: ["body"], nullable: true)
        let toolType = reader.choice(ToolType.self, object, "tool_type", at: ["body"])
        let parts = RevisionParts.decode(object, reader: &reader)
        let metadata = reader.object(object, "metadata", at: ["body"], model: false) ?? [:]
        guard let name, let toolType = toolType ?? (object["tool_type"] == nil ? .apiCall : nil) else {
            return ValidationOutcome(nil, problems: reader.problems)
        }
        if !parts.configurationFailed, !parts.transferTargetFailed {
            reader.append(DefinitionRules.problems(
                toolType: toolType, configuration: parts.configuration, transferTarget: parts.transferTarget,
                inputDefaults: parts.inputDefaults ?? [:]))
        }
        let definition = ToolDefinition(
            name: name, description: description, toolType: toolType, configuration: parts.configuration,
            transferTarget: parts.transferTarget, responseSchema: parts.responseSchema, inputDefaults: parts.inputDefaults ?? [:],
            metadata: metadata)
        return ValidationOutcome(definition, problems: reader.problems)
    }
}

/// The revision-level fields Feather's create, revision create and revision update share.
struct RevisionParts {
    var configuration: APICallConfiguration?
    var transferTarget: TransferTarget?
    var responseSchema: ResponseFieldSelector?
    /// nil when absent; `[:]` when null or empty (the caller decides what null means).
    var inputDefaults: [String: InputDefault]?
    var inputDefaultsNull = false
    /// Present but unusable: cross-field rules are skipped to avoid reporting the same field twice.
    var configurationFailed = false
    var transferTargetFailed = false

    static func decode(_ object: JSONObject, reader: inout BodyReader) -> RevisionParts {
        var parts = RevisionParts()
        if let value = reader.field(object, "configuration", at: ["body"], required: false, nullable: true) {
            parts.configuration = APICallConfiguration.decode(value, at: ["body", "configuration"], reader: &reader)
            parts.configurationFailed = parts.configuration == nil
        }
        if let value = reader.field(object, "transfer_target", at: ["body"], required: false, nullable: true) {
            parts.transferTarget = TransferTarget.decode(value, at: ["body", "transfer_target"], reader: &reader)
            parts.transferTargetFailed = parts.transferTarget == nil
        }
        if let value = reader.field(object, "response_schema", at: ["body"], required: false, nullable: true) {
            parts.responseSchema = ResponseFieldSelector.decode(value, at: ["body", "response_schema"], reader: &reader)
        }
        if object["input_defaults"] == .null {
            parts.inputDefaultsNull = true
        } else if let value = object["input_defaults"] {
            parts.inputDefaults = InputDefault.decodeMap(value, at: ["body", "input_defaults"], reader: &reader)
        }
        return parts
    }
}
