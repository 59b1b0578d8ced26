// Revisions: create (based on another), update (null clears defaults), masked secrets kept, rules on the merged result.
import Foundation
import JSONModel
import Testing
@testable import ReferenceToolServer

@Suite struct ToolRevisionTests {
    typealias F = ToolFixtures

    static func stored() throws -> (record: ToolRecord, revision: ToolRevision) {
        try F.decoded(F.featherCreate()).get(rejectingWarnings: true).stored(toolID: "tool-1", revisionID: "rev-1", at: F.date)
    }

    @Test func update_SendingTheMaskBack_KeepsTheStoredSecret() throws {
        let (_, revision) = try Self.stored()
        let shown = try #require(revision.responseJSON["configuration"]?.objectValue)
        let body: JSONValue = ["configuration": .object(shown)]
        let update = try ToolRevisionUpdate.decode(featherBody: body).get(rejectingWarnings: true)
        let updated = try update.applied(to: revision, toolType: .apiCall, at: F.date).get(rejectingWarnings: true)
        #expect(updated.configuration?.headers == [KeyValueSetting(key: "Authorization", value: "Bearer s3cret", secure: true)])
    }

    @Test func update_WithANewSecret_ReplacesIt() throws {
        let (_, revision) = try Self.stored()
        let body: JSONValue = ["configuration": ["url": "https://api.example.com/x/{{name}}", "variables": [["name": "name"]],
                                                 "headers": [["key": "authorization", "value": "Bearer n3w", "secure": true]]]]
        let update = try ToolRevisionUpdate.decode(featherBody: body).get(rejectingWarnings: true)
        let updated = try update.applied(to: revision, toolType: .apiCall, at: F.date).get(rejectingWarnings: true)
        #expect(updated.configuration?.headers.first?.value == "Bearer n3w")
    }

    @Test func update_MaskWithNothingStored_IsRejectedAtTheValue() throws {
        let (_, revision) = try Self.stored()
        let body: JSONValue = ["configuration": ["url": "https://api.example.com/x", "query_params": [["key": "api_key", "value": "********", "secure": true]]]]
        let update = try ToolRevisionUpdate.decode(featherBody: body).get(rejectingWarnings: true)
        let problems = update.applied(to: revision, toolType: .apiCall, at: F.date).problems
        #expect(F.summary(problems) == ["body.configuration.query_params.0.value value_error"])
    }

    @Test func update_NullInputDefaults_ClearsThem_AbsentKeepsThem() throws {
        var (_, revision) = try Self.stored()
        revision.inputDefaults = ["name": InputDefault(value: "Ada")]
        let cleared = try ToolRevisionUpdate.decode(featherBody: ["input_defaults": nil]).get(rejectingWarnings: true)
        #expect(cleared.inputDefaults == .cleared)
        #expect(try cleared.applied(to: revision, toolType: .apiCall, at: F.date).get(rejectingWarnings: true).inputDefaults.isEmpty)
        let untouched = try ToolRevisionUpdate.decode(featherBody: ["name": "v2"]).get(rejectingWarnings: true)
        let renamed = try untouched.applied(to: revision, toolType: .apiCall, at: F.date).get(rejectingWarnings: true)
        #expect(renamed.inputDefaults.count == 1)
        #expect(renamed.name == "v2")
    }

    @Test func update_RemovingAVariable_LeavesUntouchedDefaultsStale() throws {
        var (_, revision) = try Self.stored()
        revision.inputDefaults = ["name": InputDefault(value: "Ada")]
        let body: JSONValue = ["configuration": ["url": "https://api.example.com/x"]]
        let update = try ToolRevisionUpdate.decode(featherBody: body).get(rejectingWarnings: true)
        let updated = try update.applied(to: revision, toolType: .apiCall, at: F.date).get(rejectingWarnings: true)
        #expect(updated.staleInputFields == ["name"])
        #expect(updated.responseJSON["stale_input_fields"] == ["name"])
    }

    @Test(arguments: [(#"{"status": "retired"}"#, "body.status enum"), (#"{"name": ""}"#, "body.name string_too_short")])
    func update_RejectsBadFields(_ body: String, _ expected: String) throws {
        #expect(F.summary(ToolRevisionUpdate.decode(featherBody: try JSONValue.parse(body)).problems) == [expected])
    }

    @Test func create_BasedOnARevision_CopiesWhatItLeavesOut_AndKeepsMaskedSecrets() throws {
        let (_, base) = try Self.stored()
        let body: JSONValue = ["name": "v2", "based_on_revision_id": "rev-1", "configuration": base.responseJSON["configuration"] ?? nil]
        let draft = try ToolRevisionDraft.decode(featherBody: body).get(rejectingWarnings: true)
        #expect(draft.basedOnRevisionID == "rev-1")
        let revision = try draft.revision(id: "rev-2", toolID: "tool-1", toolType: .apiCall, base: base, secretSource: base, at: F.date)
            .get(rejectingWarnings: true)
        #expect(revision.configuration == base.configuration)
        #expect(revision.description == base.description)
    }

    @Test func create_WithoutConfigurationForAnAPICallTool_IsRejected() throws {
        let draft = try ToolRevisionDraft.decode(featherBody: ["name": "v2"]).get(rejectingWarnings: true)
        let outcome = draft.revision(id: "r", toolID: "t", toolType: .apiCall, base: nil, secretSource: nil, at: F.date)
        #expect(F.summary(outcome.problems) == ["body.configuration missing"])
    }

    @Test func create_RequiresAName() {
        #expect(F.summary(ToolRevisionDraft.decode(featherBody: [:]).problems) == ["body.name missing"])
    }

    @Test func toolUpdate_ChangesOnlyToolLevelFields() throws {
        let (record, _) = try Self.stored()
        let update = try ToolUpdate.decode(featherBody: ["name": "renamed", "metadata": ["team": "sales"], "configuration": ["url": 1]])
            .get(rejectingWarnings: true)
        let later = F.date.addingTimeInterval(60)
        let updated = update.applied(to: record, at: later)
        #expect(updated.name == "renamed")
        #expect(updated.metadata == ["team": "sales"])
        #expect(updated.description == record.description)
        #expect(updated.updatedAt == later)
    }

    @Test func toolUpdate_RejectsUnknownToolType() {
        #expect(F.summary(ToolUpdate.decode(featherBody: ["tool_type": "sms"]).problems) == ["body.tool_type enum"])
    }
}
