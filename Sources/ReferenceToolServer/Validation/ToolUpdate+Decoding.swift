// Decoding Feather's ToolUpdate (PUT /v1/tools/{id}) and applying it to a stored record.
import Foundation
import JSONModel

extension ToolUpdate {
    /// Decodes and validates a Feather `ToolUpdate`; absent or null fields mean "unchanged", other keys are ignored
    /// (configuration changes go through revisions).
    package static func decode(featherBody body: JSONValue, deviations: ContractDeviations = ContractDeviations()) -> ValidationOutcome<ToolUpdate> {
        var reader = BodyReader(deviations: deviations)
        guard let object = reader.object(body, at: ["body"], model: true) else { return ValidationOutcome(nil, problems: reader.problems) }
        let name = reader.string(object, "name", at: ["body"], nullable: true)
        if let name { DefinitionRules.checkName(name, at: ["body", "name"], reader: &reader) }
        let update = ToolUpdate(
            name: name,
            description: reader.string(object, "description", at: ["body"], nullable: true),
            toolType: reader.choice(ToolType.self, object, "tool_type", at: ["body"], nullable: true),
            metadata: reader.object(object, "metadata", at: ["body"], model: false))
        return ValidationOutcome(update, problems: reader.problems)
    }

    /// `record` with this update's fields changed and `updatedAt` set to `date`.
    /// Changing `tool_type` is not checked against the active revision here; see `DefinitionRules` via revisions.
    public func applied(to record: ToolRecord, at date: Date) -> ToolRecord {
        var copy = record
        if let name { copy.name = name }
        if let description { copy.description = description }
        if let toolType { copy.toolType = toolType }
        if let metadata { copy.metadata = metadata }
        copy.updatedAt = date
        return copy
    }
}
