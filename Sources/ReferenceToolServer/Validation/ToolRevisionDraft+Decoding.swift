// Decoding Feather's ToolRevisionCreate and turning it into a stored revision.
import Foundation
import JSONModel

extension ToolRevisionDraft {
    /// Decodes a Feather `ToolRevisionCreate` body field by field. Cross-field rules need the tool and its revisions,
    /// so they run in `revision(id:toolID:toolType:base:secretSource:at:)`.
    package static func decode(featherBody body: JSONValue, deviations: ContractDeviations = ContractDeviations()) -> ValidationOutcome<ToolRevisionDraft> {
        var reader = BodyReader(deviations: deviations)
        guard let object = reader.object(body, at: ["body"], model: true) else { return ValidationOutcome(nil, problems: reader.problems) }
        let name = reader.string(object, "name", at: ["body"], required: true)
        if let name { DefinitionRules.checkName(name, at: ["body", "name"], reader: &reader) }
        let description = reader.string(object, "description", at: ["body"], nullable: true)
        let basedOn = reader.string(object, "based_on_revision_id", at: ["body"], nullable: true)
        let parts = RevisionParts.decode(object, reader: &reader)
        guard let name else { return ValidationOutcome(nil, problems: reader.problems) }
        let draft = ToolRevisionDraft(
            name: name, description: description, basedOnRevisionID: basedOn, configuration: parts.configuration,
            transferTarget: parts.transferTarget, responseSchema: parts.responseSchema,
            inputDefaults: parts.inputDefaultsNull ? [:] : parts.inputDefaults)
        return ValidationOutcome(draft, problems: reader.problems)
    }

    /// The new revision, with the cross-field rules checked on the result.
    /// - Parameters:
    ///   - toolType: the tool's type (revisions have none of their own).
    ///   - base: the revision named by `based_on_revision_id`; fields this draft leaves out are copied from it.
    ///   - secretSource: where masked secure values sent back are restored from (the base, else the active revision).
    package func revision(
        id: String, toolID: String, toolType: ToolType, base: ToolRevision?, secretSource: ToolRevision?, at date: Date,
        deviations: ContractDeviations = ContractDeviations()
    ) -> ValidationOutcome<ToolRevision> {
        var reader = BodyReader(deviations: deviations)
        let configuration = DefinitionRules.restoreSecrets(
            configuration ?? base?.configuration, from: secretSource?.configuration, reader: &reader)
        let transferTarget = transferTarget ?? base?.transferTarget
        let inputDefaults = inputDefaults ?? base?.inputDefaults ?? [:]
        reader.append(DefinitionRules.problems(
            toolType: toolType, configuration: configuration, transferTarget: transferTarget, inputDefaults: inputDefaults))
        let revision = ToolRevision(
            id: id, toolID: toolID, name: name, description: description ?? base?.description, configuration: configuration,
            transferTarget: transferTarget, responseSchema: responseSchema ?? base?.responseSchema, inputDefaults: inputDefaults,
            createdAt: date)
        return ValidationOutcome(revision, problems: reader.problems)
    }
}
