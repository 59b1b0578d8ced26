// Executing the callback-lead tool against the mock CRM over loopback: values, auth, mapping, secrets, 422s.
import Foundation
import HTTPWire
import JSONModel
import MockSystems
import Testing
@testable import ReferenceToolServer

@Suite struct ExecutionCRMTests {
    @Test func allFourFields_CreateExactlyOneLead_WithTheBearerToken_AndMapLeadID() async throws {
        let crm = try ExecutionFixture.system("crm")
        defer { crm.stop() }
        let client = try ExecutionFixture.client()
        defer { client.shutdown() }
        let executor = ToolExecutor(client: client, clock: RecordingClock())

        let result = try await executor.execute(ExecutionFixture.crmPlan(crm), input: ExecutionFixture.lead)

        let leads = crm.records(in: "leads")
        #expect(leads.count == 1)
        let lead = try #require(leads.first)
        for (key, value) in ExecutionFixture.lead { #expect(lead[key] == value) }
        #expect(result.statusCode == 201 && result.success && result.error == nil && result.attempts == 1)
        #expect(result.body == ["lead.id": lead["id"] ?? "?", "state": "queued"])
        #expect(result.requestURL == (crm.baseURL ?? "") + "/callbacks" && result.requestMethod == "POST")
        let entry = try #require(crm.journal.entries().first)
        #expect(entry.headerValue("Authorization") == "Bearer crm-token")
        #expect(entry.headerValue("Content-Type") == "application/json")
        #expect(UUID(uuidString: entry.headerValue("Idempotency-Key") ?? "") != nil)
        #expect(result.json["headers"]?["content-type"] == "application/json")
        #expect(!result.json.jsonText.contains("crm-token"))
    }

    @Test func missingAndMistypedInput_Get422_AndNothingReachesTheCRM() async throws {
        let crm = try ExecutionFixture.system("crm")
        defer { crm.stop() }
        let client = try ExecutionFixture.client()
        defer { client.shutdown() }
        let executor = ToolExecutor(client: client, clock: RecordingClock())
        var partial = ExecutionFixture.lead
        partial["company"] = nil
        partial["phone_number"] = 15105550100

        await #expect(throws: InputRejection.self) {
            try await executor.execute(ExecutionFixture.crmPlan(crm), input: partial)
        }
        do throws(InputRejection) {
            _ = try executor.executeInBackground(ExecutionFixture.crmPlan(crm), input: partial)
        } catch {
            #expect(error.problems.map(\.type) == ["missing", "string_type"])
        }
        #expect(crm.journal.stats.recorded == 0)
    }

    @Test func unprocessableAnswerFromTheCRM_IsNotRetried() async throws {
        let crm = try ExecutionFixture.system("crm")
        defer { crm.stop() }
        let client = try ExecutionFixture.client()
        defer { client.shutdown() }
        let clock = RecordingClock()
        let executor = ToolExecutor(client: client, clock: clock)
        var input = ExecutionFixture.lead
        input["phone_number"] = "call me maybe"

        let result = try await executor.execute(ExecutionFixture.crmPlan(crm, retry: RetryPolicy(maxRetries: 3)), input: input)

        #expect(result.statusCode == 422 && !result.success && result.error == .httpStatus)
        #expect(result.json["error"] == "http_status" && result.json["success"] == false)
        #expect(result.body == ["lead.id": nil, "state": nil])
        #expect(crm.journal.stats.recorded == 1 && clock.requested.isEmpty && crm.records(in: "leads").isEmpty)
    }

    @Test func secureQueryAndHeaderValues_ReachTheSystem_ButNoAnswer() async throws {
        let webhook = try ExecutionFixture.system("webhook")
        defer { webhook.stop() }
        let client = try ExecutionFixture.client()
        defer { client.shutdown() }
        let plan = ExecutionPlan(
            urlTemplate: (webhook.baseURL ?? "") + "/hooks/{{kind}}", method: "GET",
            headers: [.init(key: "X-Api-Key", value: "hdr-s3cret", secure: true), .init(key: "X-Call", value: "{{metadata.call_id}}")],
            queryParams: [.init(key: "token", value: "qry-s3cret", secure: true), .init(key: "kind", value: "{{kind}}")],
            variables: [.init(name: "kind", required: true)])

        let result = try await ToolExecutor(client: client).execute(plan, input: ["kind": "a b"], metadata: ["call_id": "c-1"])

        let entry = try #require(webhook.journal.entries().first)
        #expect(entry.target == "/hooks/a%20b?token=qry-s3cret&kind=a%20b")
        #expect(entry.headerValue("X-Api-Key") == "hdr-s3cret" && entry.headerValue("X-Call") == "c-1")
        #expect(result.requestURL == (webhook.baseURL ?? "") + "/hooks/a%20b?token=%2A%2A%2A&kind=a%20b")
        #expect(result.success && !result.json.jsonText.contains("s3cret"))
    }
}
