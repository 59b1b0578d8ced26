// End to end over loopback: OneInbox's dialect (create, PATCH, GET, execute, run_in_background) against the mock CRM.
import Foundation
import HTTPWire
import JSONModel
import MockSystems
import Testing
@testable import ReferenceToolServer

@Suite struct ServerOneInboxTests {
    // lifecycle.create / lifecycle.update (O), secrets.masked, secrets.delivered, execute over the extension endpoint.
    @Test func oneInboxTool_CreatePatchGetExecute() async throws {
        let crm = try CallbackLeadTool.startCRM()
        defer { crm.stop() }
        let harness = try ServerHarness.start(.oneinbox)
        defer { harness.stop() }

        let created = try await harness.request("POST", "/v1/tools", json: CallbackLeadTool.oneInbox(crm: crm),
                                                 headers: ["Authorization": "Bearer \(ServerHarness.apiKey)"])
        let id = try #require(created.json["id"]?.stringValue, "\(created.text)")
        #expect(created.status == 201)
        #expect(created.json["type"] == "api_call" && created.json["method"] == "POST")
        #expect(created.json["url"] == .string((crm.baseURL ?? "") + "/callbacks"))
        #expect(created.json["headers"] == ["Authorization": .string(SecretMask.placeholder)])
        #expect(created.json["parameters"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["name", "company", "reason", "phone_number"])
        #expect(created.json["run_in_background"] == false && created.json.objectValue?["configuration"] == nil)
        #expect(!created.contains(ServerHarness.crmToken))

        let patched = try await harness.request("PATCH", "/v1/tools/\(id)", json: ["description": "Saves a lead for sales"])
        let fetched = try await harness.request("GET", "/v1/tools/\(id)")
        #expect(patched.status == 200, "\(patched.text)")
        #expect(fetched.json["description"] == "Saves a lead for sales")
        #expect(fetched.json["name"] == "create_callback_lead" && fetched.json["headers"] == created.json["headers"])
        #expect(!patched.contains(ServerHarness.crmToken) && !fetched.contains(ServerHarness.crmToken))

        let executed = try await harness.request("POST", "/v1/tools/\(id)/execute", json: ["input": CallbackLeadTool.input()])
        #expect(executed.status == 200 && executed.json["success"] == true && executed.json["status_code"] == 201, "\(executed.text)")
        #expect(!executed.contains(ServerHarness.crmToken))
        #expect(CallbackLeadTool.callbackRequests(crm).map { $0.headerValue("Authorization") } == ["Bearer crm-token"])
        #expect(crm.records(in: "leads").first?["phone_number"] == "+15105550100")
    }

    // secrets.keep-on-update (O): a PATCH sending the masked header back keeps the real token.
    @Test func patch_WithMaskedHeaderSentBack_KeepsTheSecret() async throws {
        let crm = try CallbackLeadTool.startCRM()
        defer { crm.stop() }
        let harness = try ServerHarness.start(.oneinbox)
        defer { harness.stop() }
        let id = try await harness.createTool(CallbackLeadTool.oneInbox(crm: crm))

        let patched = try await harness.request("PATCH", "/v1/tools/\(id)", json: [
            "headers": ["Authorization": .string(SecretMask.placeholder), "X-Source": "voice"],
        ])
        let executed = try await harness.request("POST", "/v1/tools/\(id)/execute", json: ["input": CallbackLeadTool.input()])

        #expect(patched.status == 200 && patched.json["headers"]?["X-Source"] == "voice", "\(patched.text)")
        #expect(patched.json["headers"]?["Authorization"] == .string(SecretMask.placeholder))
        #expect(executed.json["success"] == true && executed.json["status_code"] == 201, "\(executed.text)")
        let request = CallbackLeadTool.callbackRequests(crm).first
        #expect(request?.headerValue("Authorization") == "Bearer crm-token" && request?.headerValue("X-Source") == "voice")
    }

    // lifecycle.delete (X) in the oneinbox dialect, and PUT is not its update method.
    @Test func oneInboxTool_DeleteThen404_AndPUTIs405() async throws {
        let crm = try CallbackLeadTool.startCRM()
        defer { crm.stop() }
        let harness = try ServerHarness.start(.oneinbox)
        defer { harness.stop() }
        let id = try await harness.createTool(CallbackLeadTool.oneInbox(crm: crm))

        let put = try await harness.request("PUT", "/v1/tools/\(id)", json: ["description": "x"])
        let deleted = try await harness.request("DELETE", "/v1/tools/\(id)")
        let gone = try await harness.request("GET", "/v1/tools/\(id)")
        let list = try await harness.request("GET", "/v1/tools")

        #expect(put.status == 405)
        #expect(deleted.status == 204 && gone.status == 404)
        #expect(list.json["items"] == [])
    }

    // background.early-answer: the answer beats a 1.5 s CRM, and the CRM still gets exactly one request.
    @Test func runInBackground_AnswersFirst_ThenCallsExactlyOnce() async throws {
        let crm = try CallbackLeadTool.startCRM()
        defer { crm.stop() }
        let harness = try ServerHarness.start(.oneinbox)
        defer { harness.stop() }
        let crmDelayMs = 1500
        crm.addFault(try FaultRule(json: ["delay_ms": .int(crmDelayMs)]))
        let id = try await harness.createTool(CallbackLeadTool.oneInbox(crm: crm, runInBackground: true))

        let start = ContinuousClock.now
        let reply = try await harness.request("POST", "/v1/tools/\(id)/execute", json: ["input": CallbackLeadTool.input()])
        let answeredAfter = ContinuousClock.now - start
        let leadsAtAnswer = crm.records(in: "leads").count

        #expect(reply.status == 200 && reply.json["success"] == true && reply.json["background"] == true, "\(reply.text)")
        #expect(answeredAfter < .milliseconds(crmDelayMs), "answered after \(answeredAfter)")
        #expect(leadsAtAnswer == 0)
        let matcher = RequestMatcher(route: "create_callback")
        let arrived = await crm.journal.waitForCount(matching: matcher, atLeast: 1, timeout: .seconds(5))
        #expect(arrived == 1)
        // Wait past the CRM's delay for the lead, then for a second request that must never come.
        let stored = await waitUntil { crm.records(in: "leads").count == 1 }
        let total = await crm.journal.waitForCount(matching: matcher, atLeast: 2, timeout: .milliseconds(500))
        #expect(stored && total == 1)
        #expect(crm.records(in: "leads").count == 1)
    }

    // background.early-answer keeps execute.required: missing input is still 422 before anything is sent.
    @Test func runInBackground_MissingField_Is422_AndSendsNothing() async throws {
        let crm = try CallbackLeadTool.startCRM()
        defer { crm.stop() }
        let harness = try ServerHarness.start(.oneinbox)
        defer { harness.stop() }
        let id = try await harness.createTool(CallbackLeadTool.oneInbox(crm: crm, runInBackground: true))

        let reply = try await harness.request("POST", "/v1/tools/\(id)/execute", json: ["input": CallbackLeadTool.input(without: "reason")])
        let late = await crm.journal.waitForCount(matching: RequestMatcher(), atLeast: 1, timeout: .milliseconds(300))

        #expect(reply.status == 422 && reply.detailLocations.contains { $0.hasSuffix("reason") }, "\(reply.text)")
        #expect(late == 0)
    }
}
