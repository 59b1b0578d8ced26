// End to end over loopback: the handbook's create_callback_lead against the mock CRM, and secrets (feather dialect).
import Foundation
import HTTPWire
import JSONModel
import MockSystems
import Testing
@testable import ReferenceToolServer

@Suite struct ServerFeatherExecuteTests {
    // The flagship: execute.required, execute.answer, execute.mapping, secrets.delivered, lifecycle.delete.
    @Test func callbackLead_AllFourFields_CreatesOneLead_ThreeFields_SendNothing() async throws {
        let crm = try CallbackLeadTool.startCRM()
        defer { crm.stop() }
        let harness = try ServerHarness.start()
        defer { harness.stop() }
        let id = try await harness.createTool(CallbackLeadTool.feather(crm: crm))

        let executed = try await harness.request("POST", "/v1/tools/\(id)/execute", json: ["input": CallbackLeadTool.input()])

        #expect(executed.status == 200, "\(executed.text)")
        #expect(executed.json["success"] == true && executed.json["error"] == .null)
        #expect(executed.json["status_code"] == 201)
        #expect(executed.json["request_method"] == "POST")
        #expect(executed.json["request_url"] == .string((crm.baseURL ?? "") + "/callbacks"))
        #expect((executed.json["execution_time_ms"]?.doubleValue ?? -1) >= 0)
        let leads = crm.records(in: "leads")
        let lead = try #require(leads.count == 1 ? leads.first : nil)
        let leadID = try #require(lead["id"]?.stringValue)
        #expect(executed.json["body"] == ["lead_id": .string(leadID)])
        #expect(lead["name"] == "Ada Lovelace" && lead["company"] == "Analytical Engines")
        #expect(lead["reason"] == "Wants a demo" && lead["phone_number"] == "+15105550100")
        let requests = CallbackLeadTool.callbackRequests(crm)
        #expect(requests.count == 1 && requests.first?.headerValue("Authorization") == "Bearer crm-token")

        // execute.required: three of four -> 422 naming phone_number; the CRM receives nothing.
        let before = crm.journal.stats.recorded
        let partial = try await harness.request("POST", "/v1/tools/\(id)/execute",
                                                json: ["input": CallbackLeadTool.input(without: "phone_number")])
        #expect(partial.status == 422, "\(partial.text)")
        #expect(partial.detailLocations.contains { $0.hasSuffix("phone_number") }, "\(partial.text)")
        #expect(partial.detailLocations.count == 1)
        #expect(crm.journal.stats.recorded == before)
        #expect(crm.records(in: "leads").count == 1)

        let deleted = try await harness.request("DELETE", "/v1/tools/\(id)")
        let gone = try await harness.request("POST", "/v1/tools/\(id)/execute", json: ["input": CallbackLeadTool.input()])
        #expect(deleted.status == 204 && gone.status == 404)
        #expect(crm.journal.stats.recorded == before)
    }

    // secrets.masked, secrets.delivered: the token is in no answer, yet the CRM receives it.
    @Test func secureHeader_IsNeverReturned_ButReachesTheCRM() async throws {
        let crm = try CallbackLeadTool.startCRM()
        defer { crm.stop() }
        let harness = try ServerHarness.start()
        defer { harness.stop() }

        let (created, id, revisionID) = try await harness.createToolWithRevision(CallbackLeadTool.feather(crm: crm))
        let replies = [
            created,
            try await harness.request("GET", "/v1/tools/\(id)"),
            try await harness.request("GET", "/v1/tools"),
            try await harness.request("GET", "/v1/tools/\(id)/revisions"),
            try await harness.request("GET", "/v1/tools/revisions/\(revisionID)"),
            try await harness.request("POST", "/v1/tools/\(id)/execute", json: ["input": CallbackLeadTool.input()]),
        ]

        for reply in replies {
            #expect(reply.status == 200 || reply.status == 201, "\(reply.text)")
            #expect(!reply.contains(ServerHarness.crmToken), "\(reply.text)")
        }
        let header = created.json["active_revision"]?["configuration"]?["headers"]?.arrayValue?.first
        #expect(header?["value"] == .string(SecretMask.placeholder) && header?["secure"] == true)
        #expect(created.json["active_revision"]?["has_secrets"] == true)
        #expect(replies.last?.json["success"] == true)
        #expect(CallbackLeadTool.callbackRequests(crm).map { $0.headerValue("Authorization") } == ["Bearer crm-token"])
    }

    // secrets.masked (execute's request_url), secrets.delivered: a secure query value is masked in the answer only.
    @Test func secureQueryValue_IsMaskedInRequestURL_ButSentDownstream() async throws {
        let crm = try CallbackLeadTool.startCRM()
        defer { crm.stop() }
        let harness = try ServerHarness.start()
        defer { harness.stop() }
        var configuration = CallbackLeadTool.configuration(crm: crm).objectValue ?? [:]
        configuration["query_params"] = [["key": "api_key", "value": "q-secret-42", "secure": true], ["key": "source", "value": "voice"]]
        var tool = CallbackLeadTool.feather(crm: crm).objectValue ?? [:]
        tool["configuration"] = .object(configuration)

        let created = try await harness.request("POST", "/v1/tools", json: .object(tool))
        let id = try #require(created.json["id"]?.stringValue, "\(created.text)")
        let executed = try await harness.request("POST", "/v1/tools/\(id)/execute", json: ["input": CallbackLeadTool.input()])

        #expect(!created.contains("q-secret-42") && !executed.contains("q-secret-42"), "\(executed.text)")
        #expect(executed.json["success"] == true, "\(executed.text)")
        #expect(executed.json["request_url"]?.stringValue?.contains("source=voice") == true)
        let query = CallbackLeadTool.callbackRequests(crm).first?.query ?? ""
        #expect(query.contains("api_key=q-secret-42") && query.contains("source=voice"), "\(query)")
    }

    // secrets.keep-on-update: a revision update sending the mask back keeps the real token.
    @Test func revisionUpdate_WithMaskSentBack_KeepsTheSecret() async throws {
        let crm = try CallbackLeadTool.startCRM()
        defer { crm.stop() }
        let harness = try ServerHarness.start()
        defer { harness.stop() }
        let (_, id, revisionID) = try await harness.createToolWithRevision(CallbackLeadTool.feather(crm: crm))

        let updated = try await harness.request("PUT", "/v1/tools/revisions/\(revisionID)", json: [
            "configuration": CallbackLeadTool.configuration(crm: crm, timeout: 7, authorization: SecretMask.placeholder),
        ])
        let executed = try await harness.request("POST", "/v1/tools/\(id)/execute", json: ["input": CallbackLeadTool.input()])

        #expect(updated.status == 200, "\(updated.text)")
        #expect(updated.json["configuration"]?["timeout"] == 7)
        #expect(!updated.contains(ServerHarness.crmToken))
        #expect(executed.json["success"] == true && executed.json["status_code"] == 201, "\(executed.text)")
        #expect(CallbackLeadTool.callbackRequests(crm).map { $0.headerValue("Authorization") } == ["Bearer crm-token"])
    }
}
