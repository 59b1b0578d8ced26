// Decoding OneInbox's PATCH body and applying it to the current definition, keeping secrets sent back masked.
import JSONModel

extension OneInboxUpdate {
    /// Decodes a OneInbox `PATCH /v1/tools/{id}` body; every field is optional, null means unchanged except
    /// `transfer_to: null`, which removes the transfer destination.
    package static func decode(oneInboxBody body: JSONValue, deviations: ContractDeviations = ContractDeviations()) -> ValidationOutcome<OneInboxUpdate> {
        var reader = BodyReader(deviations: deviations)
        guard let object = reader.object(body, at: ["body"], model: true) else { return ValidationOutcome(nil, problems: reader.problems) }
        var update = OneInboxUpdate()
        update.name = reader.string(object, "name", at: ["body"], nullable: true)
        if let name = update.name { DefinitionRules.checkName(name, at: ["body", "name"], reader: &reader) }
        update.description = reader.string(object, "description", at: ["body"], nullable: true)
        update.toolType = reader.choice(ToolType.self, object, "type", at: ["body"], nullable: true)
        update.url = reader.string(object, "url", at: ["body"], nullable: true)
        if let url = update.url, let problem = URLTemplateRule.problem(in: url) { reader.valueError(["body", "url"], problem) }
        update.method = reader.choice(APICallMethod.self, object, "method", at: ["body"], nullable: true)
        update.headers = OneInboxFields.headers(object, reader: &reader)
        update.parameters = OneInboxFields.parameters(object, reader: &reader)
        update.runInBackground = reader.bool(object, "run_in_background", at: ["body"], nullable: true)
        update.speakDuringExecution = reader.bool(object, "speak_during_execution", at: ["body"], nullable: true)
        update.transferTo = OneInboxFields.transferTo(object, reader: &reader) ?? .unchanged
        update.oauth2 = OneInboxFields.oauth2(object, reader: &reader) ?? .unchanged
        return ValidationOutcome(update, problems: reader.problems)
    }

    /// `current` with this update applied; headers and `oauth2.client_secret` sent back as `SecretMask.placeholder`
    /// keep the stored secret, and the type, url and placeholder rules are checked on the result.
    package func applied(to current: ToolDefinition, deviations: ContractDeviations = ContractDeviations()) -> ValidationOutcome<ToolDefinition> {
        var reader = BodyReader(deviations: deviations)
        var copy = current
        if let name { copy.name = name }
        if let description { copy.description = description }
        if let toolType { copy.toolType = toolType }
        if let runInBackground { copy.behaviour.runInBackground = runInBackground }
        if let speakDuringExecution { copy.behaviour.speakDuringExecution = speakDuringExecution }
        copy.transferTarget = transferTo.applied(to: current.transferTarget)
        let old = current.configuration
        if let url = url ?? old?.url {
            var headerSettings = headers ?? old?.headers ?? []
            if headers != nil {
                let restoration = reader.restoringSecrets(APICallConfiguration(url: url, headers: headerSettings), from: old)
                headerSettings = restoration.configuration.headers
                for index in restoration.unresolvedHeaders {
                    reader.valueError(["body", "headers", .key(headerSettings[index].key)],
                                      "value is the secret mask '\(SecretMask.placeholder)' but no secret is stored for this header")
                }
            }
            var configuration = OneInboxMapping.configuration(
                url: url, method: method ?? old?.method ?? .get, headers: headerSettings,
                parameters: parameters ?? old?.variables ?? [])
            configuration.timeout = old?.timeout ?? APICallConfiguration.defaultTimeout
            configuration.retry = old?.retry
            configuration.oauth2 = oauth2.applied(to: old?.oauth2)
            let restoration = reader.restoringSecrets(configuration, from: APICallConfiguration(url: url, oauth2: old?.oauth2))
            configuration.oauth2 = restoration.configuration.oauth2
            if restoration.unresolvedOAuth2Secret {
                reader.valueError(["body", "oauth2", "client_secret"], DefinitionRules.unresolvedOAuth2SecretMessage)
            }
            copy.configuration = configuration
        }
        reader.append(OneInboxFields.problems(copy))
        return ValidationOutcome(copy, problems: reader.problems)
    }
}
