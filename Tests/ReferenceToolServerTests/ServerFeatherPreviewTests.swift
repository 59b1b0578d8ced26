// Feather's dry runs over the wire: revision test, impact, transfer-destination preview; and tool_type changes.
import HTTPWire
import JSONModel
import MockSystems
import Testing
@testable import ReferenceToolServer

@Suite struct ServerFeatherPreviewTests {
    /// `revisions/{rev}/test` returns the raw body and the narrowed preview; with a map in the request it uses that one.
    @Test func revisionTest_ReturnsRawAndNarrowedBodies() async throws {
        let crm = try CallbackLeadTool.startCRM()
        let harness = try ServerHarness.start()
        defer { harness.stop(); crm.stop(gracePeriod: .zero) }
        let (_, id, revision) = try await harness.createToolWithRevision(CallbackLeadTool.feather(crm: crm))
        let reply = try await harness.request("POST", "/v1/tools/\(id)/revisions/\(revision)/test",
                                              json: ["input": CallbackLeadTool.input(), "response_field_map": ["field_mappings": [["path": "status", "alias": "state"]]]])
        #expect(reply.status == 200)
        #expect(reply.json["status_code"] == 201)
        #expect(reply.json["body"]?["lead"]?["name"] == "Ada Lovelace")  // raw, not narrowed
        #expect(reply.json["narrowed"] == ["state": "queued"])
        #expect(reply.json["success"] == true)
    }

    @Test func impact_ReportsNoAffectedAssistants_And404sForStrangers() async throws {
        let crm = try CallbackLeadTool.startCRM()
        let harness = try ServerHarness.start()
        defer { harness.stop(); crm.stop(gracePeriod: .zero) }
        let (_, id, revision) = try await harness.createToolWithRevision(CallbackLeadTool.feather(crm: crm))
        let reply = try await harness.request("GET", "/v1/tools/\(id)/revisions/\(revision)/impact")
        #expect(reply.status == 200)
        #expect(reply.json["new_revision_id"] == .string(revision))
        #expect(reply.json["has_blocking"] == false)
        #expect(reply.json["findings"] == [])
        #expect(try await harness.request("GET", "/v1/tools/\(id)/revisions/nope/impact").status == 404)
    }

    @Test func previewTransferDestination_ResolvesADialableNumberFromTheLookup() async throws {
        let crm = try CallbackLeadTool.startCRM()
        let harness = try ServerHarness.start()
        defer { harness.stop(); crm.stop(gracePeriod: .zero) }
        let lookup: JSONValue = [
            "name": "lookup_contact",
            "configuration": [
                "url": .string(crm.baseURL! + "/contacts/lookup"), "method": "GET",
                "headers": [["key": "Authorization", "value": "Bearer crm-token", "secure": true]],
                "query_params": [["key": "phone", "value": "{{phone}}"]],
                "variables": [["name": "phone", "required": true]],
            ],
        ]
        let (_, id, revision) = try await harness.createToolWithRevision(lookup)
        let path = "/v1/tools/\(id)/revisions/\(revision)/preview-transfer-destination"
        let found = try await harness.request("POST", path, json: ["input_mapping": ["phone": "{{caller}}"],
                                                                   "context_vars": ["caller": "+14155550123"], "response_path": "contact.phone"])
        #expect(found.status == 200)
        #expect(found.json["resolved"] == true)
        #expect(found.json["destination"] == "+14155550123")
        let notDialable = try await harness.request("POST", path, json: ["input_mapping": ["phone": "{{caller}}"],
                                                                         "context_vars": ["caller": "+14155550123"], "response_path": "contact.name"])
        #expect(notDialable.json["resolved"] == false)
        #expect(notDialable.json["subcode"] == "invalid_destination")
        let missing = try await harness.request("POST", path, json: ["response_path": "contact.phone"])
        #expect(missing.json["subcode"] == "missing_inputs")
        #expect(missing.json["missing_inputs"] == ["phone"])
    }

    /// A PUT may not turn a tool into a type its active revision cannot serve.
    @Test func update_RejectsToolTypeTheActiveRevisionCannotServe() async throws {
        let crm = try CallbackLeadTool.startCRM()
        let harness = try ServerHarness.start()
        defer { harness.stop(); crm.stop(gracePeriod: .zero) }
        let id = try await harness.createTool(CallbackLeadTool.feather(crm: crm))
        let reply = try await harness.request("PUT", "/v1/tools/\(id)", json: ["tool_type": "call_transfer"])
        #expect(reply.status == 422)
        #expect(reply.json["detail"]?.arrayValue?.first?["loc"] == ["body", "tool_type"])
        #expect(try await harness.request("GET", "/v1/tools/\(id)").json["tool_type"] == "api_call")
    }
}
