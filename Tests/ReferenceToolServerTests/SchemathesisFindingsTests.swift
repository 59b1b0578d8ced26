// What Tests/contract/schemathesis.sh found, kept as regressions: request bodies that break their schema are 422s.
import ToolContract
import HTTPWire
import JSONModel
import MockSystems
import Testing
@testable import ReferenceToolServer

@Suite struct SchemathesisFindingsTests {
    /// A body that breaks Feather's `ToolRevisionTestRequest` (no other keys; dict `input` and `metadata`; a
    /// `ResponseFieldSelector` or null) with the `loc` of its 422.
    static let brokenTestBodies: [(body: JSONValue, loc: String)] = [
        (["": .null], "body."), (["extra": 1], "body.extra"), (.null, "body"), ([], "body"),
        (["input": .null], "body.input"), (["input": 5], "body.input"), (["metadata": "x"], "body.metadata"),
        (["response_field_map": 5], "body.response_field_map"),
        (["response_field_map": ["field_mappings": 3]], "body.response_field_map.field_mappings"),
        (["response_field_map": ["field_mappings": [["alias": "x"]]]], "body.response_field_map.field_mappings.0.path"),
    ]

    /// A body that breaks Feather's `TransferDestinationPreviewRequest` (a string `response_path`, dict maps, nothing
    /// else) with the `loc` of its 422.
    static let brokenPreviewBodies: [(body: JSONValue, loc: String)] = [
        (["response_path": "contact.phone", "extra": 1], "body.extra"), (["response_path": 5], "body.response_path"),
        (["input_mapping": [:]], "body.response_path"), (.null, "body"),
        (["response_path": "contact.phone", "input_mapping": [1]], "body.input_mapping"),
        (["response_path": "contact.phone", "input_mapping": .null], "body.input_mapping"),
        (["response_path": "contact.phone", "context_vars": .null], "body.context_vars"),
    ]

    // Finding 1: the revision test ran whatever body it was given, reading what it could and ignoring the rest.
    @Test(arguments: brokenTestBodies)
    func revisionTest_Answers422AndRunsNothing_WhenBodyBreaksItsSchema(_ example: (body: JSONValue, loc: String)) async throws {
        let crm = try CallbackLeadTool.startCRM()
        let harness = try ServerHarness.start()
        defer { harness.stop(); crm.stop(gracePeriod: .zero) }
        let (_, id, revision) = try await harness.createToolWithRevision(CallbackLeadTool.feather(crm: crm))
        let reply = try await harness.request("POST", "/v1/tools/\(id)/revisions/\(revision)/test", json: example.body)
        #expect(reply.status == 422, "\(reply.text)")
        #expect(reply.detailLocations.contains(example.loc), "\(reply.text)")
        #expect(CallbackLeadTool.callbackRequests(crm).isEmpty)
    }

    @Test func revisionTest_StillRuns_WithANullMapAndNoMetadata() async throws {
        let crm = try CallbackLeadTool.startCRM()
        let harness = try ServerHarness.start()
        defer { harness.stop(); crm.stop(gracePeriod: .zero) }
        let (_, id, revision) = try await harness.createToolWithRevision(CallbackLeadTool.feather(crm: crm))
        let reply = try await harness.request("POST", "/v1/tools/\(id)/revisions/\(revision)/test",
                                              json: ["input": CallbackLeadTool.input(), "response_field_map": .null])
        #expect(reply.status == 200 && reply.json["success"] == true, "\(reply.text)")
        let leadID = try #require(reply.json["body"]?["lead"]?["id"])
        #expect(reply.json["narrowed"] == ["lead_id": leadID])  // the saved selection
    }

    // Finding 2: the transfer-destination preview ignored unknown keys and maps that were not objects.
    @Test(arguments: brokenPreviewBodies)
    func previewTransferDestination_Answers422AndRunsNothing_WhenBodyBreaksItsSchema(_ example: (body: JSONValue, loc: String)) async throws {
        let crm = try CallbackLeadTool.startCRM()
        let harness = try ServerHarness.start()
        defer { harness.stop(); crm.stop(gracePeriod: .zero) }
        let (_, id, revision) = try await harness.createToolWithRevision(CallbackLeadTool.feather(crm: crm))
        let reply = try await harness.request("POST", "/v1/tools/\(id)/revisions/\(revision)/preview-transfer-destination",
                                              json: example.body)
        #expect(reply.status == 422, "\(reply.text)")
        #expect(reply.detailLocations.contains(example.loc), "\(reply.text)")
        #expect(CallbackLeadTool.callbackRequests(crm).isEmpty)
    }

    // Finding 3: execute took `null` for `input` or `metadata` as `{}`; Feather's schema (and OneInbox's) has dicts only.
    @Test(arguments: [Dialect.feather, .oneinbox], ["input", "metadata"])
    func execute_Answers422_WhenInputOrMetadataIsNull(_ dialect: Dialect, _ field: String) async throws {
        let crm = try CallbackLeadTool.startCRM()
        let harness = try ServerHarness.start(dialect)
        defer { harness.stop(); crm.stop(gracePeriod: .zero) }
        let id = try await harness.createTool(dialect == .feather ? CallbackLeadTool.feather(crm: crm) : CallbackLeadTool.oneInbox(crm: crm))
        var body: JSONObject = ["input": CallbackLeadTool.input(), "metadata": [:]]
        body[field] = .null
        let reply = try await harness.request("POST", "/v1/tools/\(id)/execute", json: .object(body))
        #expect(reply.status == 422, "\(reply.text)")
        #expect(reply.json["detail"]?.arrayValue?.first == ["loc": ["body", .string(field)], "msg": "Input should be a valid dictionary", "type": "dict_type"])
        #expect(CallbackLeadTool.callbackRequests(crm).isEmpty)
    }
}
