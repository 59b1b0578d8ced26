// End to end over loopback: revisions (create, list, switch the active one, delete) and enable/disable.
import Foundation
import HTTPWire
import JSONModel
import MockSystems
import Testing
@testable import ReferenceToolServer

@Suite struct ServerFeatherRevisionTests {
    // Capability `revisions`: execute uses the active revision; the active one cannot be deleted (409, errors.shape).
    @Test func setActiveRevision_SwitchesWhatExecuteUses() async throws {
        let crm = try CallbackLeadTool.startCRM()
        defer { crm.stop() }
        let harness = try ServerHarness.start()
        defer { harness.stop() }
        let (_, id, first) = try await harness.createToolWithRevision(CallbackLeadTool.feather(crm: crm))

        let revision = try await harness.request("POST", "/v1/tools/\(id)/revisions", json: [
            "name": "maps status", "configuration": CallbackLeadTool.configuration(crm: crm),
            "response_schema": ["field_mappings": [["path": "status", "alias": "state"]]],
        ])
        let second = try #require(revision.json["id"]?.stringValue)
        let listed = try await harness.request("GET", "/v1/tools/\(id)/revisions")
        #expect(revision.status == 201 && revision.json["tool_id"] == .string(id), "\(revision.text)")
        #expect(listed.json["items"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == [first, second])
        #expect(listed.json["has_more"] == false)

        // A new revision is not active until set so.
        let beforeSwitch = try await harness.request("POST", "/v1/tools/\(id)/execute", json: ["input": CallbackLeadTool.input()])
        #expect(beforeSwitch.json["body"]?["lead_id"]?.stringValue != nil, "\(beforeSwitch.text)")

        let switched = try await harness.request("POST", "/v1/tools/\(id)/set-active-revision", json: ["revision_id": .string(second)])
        let afterSwitch = try await harness.request("POST", "/v1/tools/\(id)/execute", json: ["input": CallbackLeadTool.input()])
        #expect(switched.status == 200 && switched.json["id"] == .string(second) && switched.json["tool_id"] == .string(id), "\(switched.text)")
        #expect(afterSwitch.json["body"] == ["state": "queued"], "\(afterSwitch.text)")

        let deleteActive = try await harness.request("DELETE", "/v1/tools/revisions/\(second)")
        let deleteOld = try await harness.request("DELETE", "/v1/tools/revisions/\(first)")
        let oldGone = try await harness.request("GET", "/v1/tools/revisions/\(first)")
        #expect(deleteActive.status == 409 && deleteActive.isErrorResponse, "\(deleteActive.text)")
        #expect(deleteOld.status == 204 && oldGone.status == 404)
        let stillActive = try await harness.request("GET", "/v1/tools/revisions/\(second)")
        #expect(stillActive.status == 200)
        #expect(CallbackLeadTool.callbackRequests(crm).count == 2)
    }

    // set-active-revision with another tool's revision (or none) is 422, and the active revision stays.
    @Test func setActiveRevision_ToAnotherToolsRevision_Is422() async throws {
        let harness = try ServerHarness.start()
        defer { harness.stop() }
        let tool = ServerFeatherAccessTests.tool()
        let a = try await harness.request("POST", "/v1/tools", json: tool)
        let b = try await harness.request("POST", "/v1/tools", json: tool)
        let aID = try #require(a.json["id"]?.stringValue)
        let bRevision = try #require(b.json["active_revision_id"]?.stringValue)

        let foreign = try await harness.request("POST", "/v1/tools/\(aID)/set-active-revision", json: ["revision_id": .string(bRevision)])
        let missing = try await harness.request("POST", "/v1/tools/\(aID)/set-active-revision", json: [:])
        let after = try await harness.request("GET", "/v1/tools/\(aID)")

        #expect(foreign.status == 422 && foreign.detailLocations == ["body.revision_id"])
        #expect(missing.status == 422 && missing.detailLocations == ["body.revision_id"])
        #expect(after.json["active_revision_id"] == a.json["active_revision_id"])
    }

    // Capability `enable_disable`: a disabled tool's execute is 409 and reaches nobody; enabling restores it.
    @Test func disabledTool_Refuses409_UntilEnabled() async throws {
        let crm = try CallbackLeadTool.startCRM()
        defer { crm.stop() }
        let harness = try ServerHarness.start()
        defer { harness.stop() }
        let id = try await harness.createTool(CallbackLeadTool.feather(crm: crm))

        let disabled = try await harness.request("POST", "/v1/tools/\(id)/disable")
        let refused = try await harness.request("POST", "/v1/tools/\(id)/execute", json: ["input": CallbackLeadTool.input()])
        #expect(disabled.status == 204 || disabled.status == 200)
        #expect(refused.status == 409 && refused.isErrorResponse, "\(refused.text)")
        #expect(crm.journal.stats.recorded == 0)

        let enabled = try await harness.request("POST", "/v1/tools/\(id)/enable")
        let works = try await harness.request("POST", "/v1/tools/\(id)/execute", json: ["input": CallbackLeadTool.input()])
        #expect(enabled.status == 204 || enabled.status == 200)
        #expect(works.status == 200 && works.json["success"] == true, "\(works.text)")
        #expect(CallbackLeadTool.callbackRequests(crm).count == 1)
    }
}
