// Decoding Feather's ToolRevisionUpdate and applying it to a stored revision, keeping secrets sent back masked.
import Foundation
import JSONModel

extension ToolRevisionUpdate {
    /// Decodes a Feather `ToolRevisionUpdate` body field by field; cross-field rules run in `applied(to:toolType:at:)`.
    /// `input_defaults: null` clears all defaults; leaving it out changes nothing (as Feather documents).
    package static func decode(featherBody body: JSONValue, deviations: ContractDeviations = ContractDeviations()) -> ValidationOutcome<ToolRevisionUpdate> {
        var reader = BodyReader(deviations: deviations)
        guard let object = reader.object(body, at: ["body"], model: true) else { return ValidationOutcome(nil, problems: reader.problems) }
        let name = reader.string(object, "name", at: ["body"], nullable: true)
        if let name { DefinitionRules.checkName(name, at: ["body", "name"], reader: &reader) }
        let description = reader.string(object, "description", at: ["body"], nullable: true)
        let status = reader.choice(ToolStatus.self, object, "status", at: ["body"], nullable: true)
        let parts = RevisionParts.decode(object, reader: &reader)
        let inputDefaults: FieldUpdate<[String: InputDefault]> =
            parts.inputDefaultsNull ? .cleared : parts.inputDefaults.map { .set($0) } ?? .unchanged
        let update = ToolRevisionUpdate(
            name: name, description: description, configuration: parts.configuration, transferTarget: parts.transferTarget,
            responseSchema: parts.responseSchema, status: status, inputDefaults: inputDefaults)
        return ValidationOutcome(update, problems: reader.problems)
    }

    /// `revision` with this update applied and the cross-field rules checked on the result. Secure values sent back
    /// as `SecretMask.placeholder` keep the stored secret; a mask with nothing stored to keep is a 422.
    package func applied(to revision: ToolRevision, toolType: ToolType, at date: Date, deviations: ContractDeviations = ContractDeviations()) -> ValidationOutcome<ToolRevision> {
        var reader = BodyReader(deviations: deviations)
        var copy = revision
        if let name { copy.name = name }
        if let description { copy.description = description }
        if let configuration {
            copy.configuration = DefinitionRules.restoreSecrets(configuration, from: revision.configuration, reader: &reader)
        }
        if let transferTarget { copy.transferTarget = transferTarget }
        if let responseSchema { copy.responseSchema = responseSchema }
        if let status { copy.status = status }
        copy.inputDefaults = inputDefaults.applied(to: revision.inputDefaults) ?? [:]
        copy.updatedAt = date
        var problems = DefinitionRules.problems(
            toolType: toolType, configuration: copy.configuration, transferTarget: copy.transferTarget, inputDefaults: copy.inputDefaults)
        if case .unchanged = inputDefaults {
            // Defaults left untouched by this update become stale rather than wrong (Feather's stale_input_fields).
            problems.removeAll { $0.loc.starts(with: ["body", "input_defaults"]) }
        }
        reader.append(problems)
        return ValidationOutcome(copy, problems: reader.problems)
    }
}
