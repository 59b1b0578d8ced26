// End to end over loopback: downstream failures, the attempt timeout and retries against a faulty mock CRM.
import Foundation
import HTTPWire
import JSONModel
import MockSystems
import Testing
@testable import ReferenceToolServer

@Suite struct ServerFeatherRetryTests {
    static func fault(_ json: JSONValue) throws -> FaultRule { try FaultRule(json: json) }

    // execute.downstream-failure: a CRM 500 is answered 200 with success false, error "http_status".
    @Test func crm500_IsAnswered200_WithSuccessFalse() async throws {
        let crm = try CallbackLeadTool.startCRM()
        defer { crm.stop() }
        let harness = try ServerHarness.start()
        defer { harness.stop() }
        crm.addFault(try Self.fault(["action": ["type": "respond", "status": 500]]))
        let id = try await harness.createTool(CallbackLeadTool.feather(crm: crm))

        let reply = try await harness.request("POST", "/v1/tools/\(id)/execute", json: ["input": CallbackLeadTool.input()])

        #expect(reply.status == 200, "\(reply.text)")
        #expect(reply.json["success"] == false && reply.json["error"] == "http_status" && reply.json["status_code"] == 500)
        #expect(CallbackLeadTool.callbackRequests(crm).count == 1)
    }

    // timeout.attempt: an 8 s CRM against a 1 s timeout -> error "timeout", within timeout + 1 s of the start.
    @Test func slowCRM_IsAbandonedAtTheTimeout() async throws {
        let crm = try CallbackLeadTool.startCRM()
        defer { crm.stop() }
        let harness = try ServerHarness.start()
        defer { harness.stop() }
        let timeoutSeconds = 1
        let crmDelayMs = 8000
        let crmDelay = Duration.milliseconds(crmDelayMs)
        crm.addFault(try Self.fault(["delay_ms": .int(crmDelayMs)]))
        let id = try await harness.createTool(CallbackLeadTool.feather(crm: crm, timeout: timeoutSeconds))
        // The contract allows timeout + 1 s; the tolerance covers scheduling on a loaded machine (a cold `swift test`
        // start stalls every test for seconds) and stays below the CRM's delay, so a server that waits for the CRM fails.
        let allowed = Duration.seconds(timeoutSeconds) + .seconds(1) + .seconds(5)
        #expect(allowed < crmDelay)

        let start = ContinuousClock.now
        let reply = try await harness.request("POST", "/v1/tools/\(id)/execute", json: ["input": CallbackLeadTool.input()])
        let elapsed = ContinuousClock.now - start

        #expect(reply.status == 200 && reply.json["success"] == false, "\(reply.text)")
        #expect(reply.json["error"] == "timeout" && reply.json["status_code"] == 0)
        #expect(elapsed >= .seconds(timeoutSeconds), "abandoned after \(elapsed), before the timeout")
        #expect(elapsed <= allowed, "answered after \(elapsed)")
        #expect(CallbackLeadTool.callbackRequests(crm).count == 1)
    }

    // retry.count, retry.which (503 is retried), retry.idempotency-key: 503, 503, 201 with max_retries 2.
    @Test func twoUnavailable_ThenCreated_ThreeAttempts_OneIdempotencyKey() async throws {
        let crm = try CallbackLeadTool.startCRM()
        defer { crm.stop() }
        let harness = try ServerHarness.start()
        defer { harness.stop() }
        crm.addFault(try Self.fault(["times": 2, "action": ["type": "status_sequence", "statuses": [503, 503]]]))
        let retry: JSONValue = ["max_retries": 2, "base_delay_seconds": 0.1, "max_delay_seconds": 1, "jitter": false]
        let id = try await harness.createTool(CallbackLeadTool.feather(crm: crm, retry: retry))

        let reply = try await harness.request("POST", "/v1/tools/\(id)/execute", json: ["input": CallbackLeadTool.input()])

        let requests = CallbackLeadTool.callbackRequests(crm)
        #expect(reply.json["success"] == true && reply.json["status_code"] == 201, "\(reply.text)")
        #expect(requests.map(\.status) == [503, 503, 201])
        let keys = requests.map { $0.headerValue("Idempotency-Key") }
        #expect(keys.allSatisfy { $0 != nil && $0?.isEmpty == false })
        #expect(Set(keys).count == 1)
        #expect(crm.records(in: "leads").count == 1)
        // retry.backoff, coarsely: 0.1 s then 0.2 s between attempts (arrival times; lower bounds only).
        let arrivals = requests.map(\.arrivalMonotonicNanoseconds)
        if arrivals.count == 3 {
            #expect(arrivals[1] - arrivals[0] >= 100_000_000 && arrivals[2] - arrivals[1] >= 200_000_000)
        }
    }

    // retry.count: the limit holds when every attempt fails (1 + max_retries requests, then the last status).
    @Test func alwaysUnavailable_StopsAfterOnePlusMaxRetries() async throws {
        let crm = try CallbackLeadTool.startCRM()
        defer { crm.stop() }
        let harness = try ServerHarness.start()
        defer { harness.stop() }
        crm.addFault(try Self.fault(["action": ["type": "respond", "status": 503]]))
        let retry: JSONValue = ["max_retries": 2, "base_delay_seconds": 0.1, "max_delay_seconds": 1, "jitter": false]
        let id = try await harness.createTool(CallbackLeadTool.feather(crm: crm, retry: retry))

        let reply = try await harness.request("POST", "/v1/tools/\(id)/execute", json: ["input": CallbackLeadTool.input()])

        #expect(reply.json["success"] == false && reply.json["status_code"] == 503 && reply.json["error"] == "http_status")
        #expect(CallbackLeadTool.callbackRequests(crm).count == 3)
    }

    // retry.which: a 422 from the CRM (invalid phone) is not worth a duplicate lead: one request only.
    @Test func crm422_IsNotRetried() async throws {
        let crm = try CallbackLeadTool.startCRM()
        defer { crm.stop() }
        let harness = try ServerHarness.start()
        defer { harness.stop() }
        let retry: JSONValue = ["max_retries": 2, "base_delay_seconds": 0.1, "max_delay_seconds": 1, "jitter": false]
        let id = try await harness.createTool(CallbackLeadTool.feather(crm: crm, retry: retry))

        let reply = try await harness.request("POST", "/v1/tools/\(id)/execute",
                                              json: ["input": CallbackLeadTool.input(phone: "0151 0555 0100")])

        #expect(reply.status == 200 && reply.json["success"] == false, "\(reply.text)")
        #expect(reply.json["status_code"] == 422 && reply.json["error"] == "http_status")
        #expect(CallbackLeadTool.callbackRequests(crm).map(\.status) == [422])
        #expect(crm.records(in: "leads").isEmpty)
    }
}
