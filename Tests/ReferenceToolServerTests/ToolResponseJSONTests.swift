// Feather's ToolResponse and ToolRevisionResponse shapes, with secrets masked everywhere.
import Foundation
import JSONModel
import Testing
@testable import ReferenceToolServer

@Suite struct ToolResponseJSONTests {
    typealias F = ToolFixtures

    static func stored() throws -> (record: ToolRecord, revision: ToolRevision) {
        try F.decoded(F.featherCreate()).get(rejectingWarnings: true).stored(toolID: "tool-1", revisionID: "rev-1", at: F.date)
    }

    @Test func toolResponse_HasEveryRequiredFieldOfTheSchema() throws {
        let (record, revision) = try Self.stored()
        let json = record.responseJSON(activeRevision: revision)
        let keys = try #require(json.objectValue?.keys)
        for required in ["id", "organization_id", "name", "description", "tool_type", "active_revision_id", "created_at", "updated_at"] {
            #expect(keys.contains(required), "missing \(required)")
        }
        #expect(json["tool_type"] == "api_call")
        #expect(json["active_revision_id"] == "rev-1")
        #expect(json["created_at"] == "2025-03-01T09:30:05.123Z")
        #expect(json["metadata"] == [:])
    }

    @Test func revisionResponse_HasEveryRequiredFieldOfTheSchema() throws {
        let (_, revision) = try Self.stored()
        let keys = try #require(revision.responseJSON.objectValue?.keys)
        for required in ["id", "tool_id", "name", "description", "status", "created_by", "created_at", "updated_at",
                         "default_count", "pinned_count", "stale_input_fields", "merged_input_preview"] {
            #expect(keys.contains(required), "missing \(required)")
        }
    }

    @Test func responses_NeverShowSecureValues() throws {
        let (record, revision) = try Self.stored()
        let text = record.responseJSON(activeRevision: revision).jsonText
        #expect(!text.contains("s3cret"))
        #expect(revision.responseJSON["has_secrets"] == true)
        #expect(revision.responseJSON["configuration"]?["headers"] == [["key": "Authorization", "value": "********", "secure": true]])
    }

    @Test func revisionResponse_WithoutSecrets_SaysSo() {
        let revision = ToolRevision(id: "r", toolID: "t", name: "n", configuration: APICallConfiguration(url: "https://x.example"), createdAt: ToolFixtures.date)
        #expect(revision.responseJSON["has_secrets"] == false)
        #expect(revision.responseJSON["configuration"]?["retry"] == .null)
        #expect(revision.responseJSON["configuration"]?["body"] == nil)
    }

    @Test func revisionResponse_CountsDefaultsAndPreviewsTheInput() {
        let configuration = APICallConfiguration(url: "https://x.example", variables: [
            VariableDefinition(name: "a", required: true), VariableDefinition(name: "b", type: .int, description: "count"),
        ])
        let revision = ToolRevision(
            id: "r", toolID: "t", name: "n", configuration: configuration,
            inputDefaults: ["a": InputDefault(value: "x"), "b": InputDefault(value: 2, kind: .pinned)], createdAt: F.date)
        let json = revision.responseJSON
        #expect(json["default_count"] == 1)
        #expect(json["pinned_count"] == 1)
        #expect(json["input_defaults"] == ["a": ["value": "x", "type": "default"], "b": ["value": 2, "type": "pinned"]])
        #expect(json["merged_input_preview"] == [
            "type": "object",
            "properties": ["a": ["type": "string", "default": "x"], "b": ["type": "integer", "description": "count", "default": 2]],
            "required": ["a"],
        ])
    }

    @Test func transferTargetView_LeavesOutTheUnusedVariant() {
        let fixed = TransferTarget(route: .destination("+15105550100"))
        #expect(fixed.json == ["destination": "+15105550100", "mode": "cold"])
        let dynamic = TransferTarget(route: .source(DestinationSource(toolID: "t", responsePath: "p")), mode: .warm)
        #expect(dynamic.json == ["destination_source": ["type": "api_tool", "tool_id": "t", "input_mapping": [:], "response_path": "p"], "mode": "warm"])
    }
}
