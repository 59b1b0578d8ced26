// Decoding OneInbox's create body into the shared ToolDefinition.
import JSONModel

extension ToolDefinition {
    /// Decodes and validates a OneInbox `POST /v1/tools` body. `name`, `type` and `description` are required;
    /// `url` and `method` too for api_call; `transfer_to` for call_transfer. See `OneInboxMapping` for how headers
    /// and parameters map. A top-level `oauth2` object (an extension) sets the configuration's OAuth settings.
    package static func decode(oneInboxBody body: JSONValue, deviations: ContractDeviations = ContractDeviations()) -> ValidationOutcome<ToolDefinition> {
        var reader = BodyReader(deviations: deviations)
        guard let object = reader.object(body, at: ["body"], model: true) else { return ValidationOutcome(nil, problems: reader.problems) }
        let name = reader.string(object, "name", at: ["body"], required: true)
        if let name { DefinitionRules.checkName(name, at: ["body", "name"], reader: &reader) }
        if object["type"] == nil { reader.report(["body", "type"], "Field required", type: "missing") }
        let toolType = reader.choice(ToolType.self, object, "type", at: ["body"])
        let description = reader.string(object, "description", at: ["body"], required: true)
        let url = reader.string(object, "url", at: ["body"], nullable: true)
        if let url, let problem = URLTemplateRule.problem(in: url) { reader.valueError(["body", "url"], problem) }
        let method = reader.choice(APICallMethod.self, object, "method", at: ["body"], nullable: true)
        if toolType == .apiCall {
            // Required for api_call tools only; call_transfer tools may leave them out or null.
            for key in ["url", "method"] where (object[key] ?? .null) == .null {
                reader.report(["body", .key(key)], "Field required", type: "missing")
            }
        }
        let headers = OneInboxFields.headers(object, reader: &reader) ?? []
        let parameters = OneInboxFields.parameters(object, reader: &reader) ?? []
        let behaviour = ToolBehaviour(
            runInBackground: reader.bool(object, "run_in_background", at: ["body"], nullable: true) ?? false,
            speakDuringExecution: reader.bool(object, "speak_during_execution", at: ["body"], nullable: true) ?? false)
        let transferTo = OneInboxFields.transferTo(object, reader: &reader)
        let oauth2 = OneInboxFields.oauth2(object, reader: &reader)?.applied(to: nil)
        guard let name, let toolType, let description, let transferTo else { return ValidationOutcome(nil, problems: reader.problems) }
        let configuration = url.map {
            var configuration = OneInboxMapping.configuration(url: $0, method: method ?? .get, headers: headers, parameters: parameters)
            configuration.oauth2 = oauth2
            return configuration
        }
        let definition = ToolDefinition(
            name: name, description: description, toolType: toolType, configuration: configuration,
            transferTarget: transferTo.applied(to: nil), behaviour: behaviour)
        if !reader.hasErrors { reader.append(OneInboxFields.problems(definition)) }
        return ValidationOutcome(definition, problems: reader.problems)
    }
}
