// Retries, timeouts and broken connections against real mock systems; waits recorded by a fake clock.
import Foundation
import HTTPWire
import JSONModel
import MockSystems
import Testing
@testable import ReferenceToolServer

@Suite struct RetryExecutionTests {
    @Test func twoUnavailableAnswers_ThenSuccess_TakeThreeAttempts_WithOneIdempotencyKey() async throws {
        let crm = try ExecutionFixture.system("crm")
        defer { crm.stop() }
        let client = try ExecutionFixture.client()
        defer { client.shutdown() }
        crm.addFault(try ExecutionFixture.fault(["times": 2, "action": ["type": "status_sequence", "statuses": [503, 503]]]))
        let clock = RecordingClock()
        let retry = RetryPolicy(maxRetries: 2, baseDelaySeconds: 0.5, maxDelaySeconds: 30, jitter: false)

        let result = try await ToolExecutor(client: client, clock: clock)
            .execute(ExecutionFixture.crmPlan(crm, retry: retry), input: ExecutionFixture.lead)

        let entries = crm.journal.entries()
        #expect(result.statusCode == 201 && result.success && result.attempts == 3)
        #expect(entries.map(\.status) == [503, 503, 201])
        #expect(Set(entries.compactMap { $0.headerValue("Idempotency-Key") }).count == 1)
        #expect(entries.allSatisfy { $0.headerValue("Idempotency-Key") != nil })
        #expect(clock.requested == [.milliseconds(500), .seconds(1)])
        #expect(crm.records(in: "leads").count == 1)
    }

    @Test func jitteredDelays_AreThePolicysDraws_ForTheInjectedGenerator() async throws {
        let crm = try ExecutionFixture.system("crm")
        defer { crm.stop() }
        let client = try ExecutionFixture.client()
        defer { client.shutdown() }
        crm.addFault(try ExecutionFixture.fault(["action": ["type": "respond", "status": 502]]))
        let clock = RecordingClock()
        let retry = RetryPolicy(maxRetries: 3, baseDelaySeconds: 1, maxDelaySeconds: 3, jitter: true)
        var expected: [Duration] = []
        var generator = SeededGenerator(seed: 9)
        for attempt in 1...3 {
            if case let .retry(delay) = retry.decision(after: .response(status: 502, retryAfter: nil), attempt: attempt,
                                                       now: clock.wall, using: &generator) { expected.append(delay) }
        }

        let result = try await ToolExecutor(client: client, clock: clock, makeGenerator: { SeededGenerator(seed: 9) })
            .execute(ExecutionFixture.crmPlan(crm, retry: retry), input: ExecutionFixture.lead)

        #expect(result.statusCode == 502 && result.error == .httpStatus && result.attempts == 4)
        #expect(crm.journal.stats.recorded == 4 && clock.requested == expected && expected.count == 3)
    }

    @Test func retryAfter_OnA429_SetsTheWait() async throws {
        let crm = try ExecutionFixture.system("crm")
        defer { crm.stop() }
        let client = try ExecutionFixture.client()
        defer { client.shutdown() }
        crm.addFault(try ExecutionFixture.fault(["times": 1, "action": ["type": "respond", "status": 429, "headers": ["Retry-After": "2"]]]))
        let clock = RecordingClock()

        let result = try await ToolExecutor(client: client, clock: clock)
            .execute(ExecutionFixture.crmPlan(crm, retry: RetryPolicy(maxRetries: 1, baseDelaySeconds: 0.1)), input: ExecutionFixture.lead)

        #expect(result.statusCode == 201 && clock.requested == [.seconds(2)])
    }

    @Test func answerSlowerThanTheTimeout_IsAbandonedAtTheTimeout_WithErrorTimeout() async throws {
        let crm = try ExecutionFixture.system("crm")
        defer { crm.stop(gracePeriod: .zero) }
        let client = try ExecutionFixture.client()
        defer { client.shutdown() }
        // The CRM would answer after 30 s: an executor that waited for it would take 30 s and report its 201. The
        // upper bound, 10 s, leaves room for the start of the test run, when hundreds of tests share two cores.
        crm.addFault(try ExecutionFixture.fault(["delay_ms": 30_000]))

        let started = ContinuousClock.now
        let result = try await ToolExecutor(client: client, clock: RecordingClock())
            .execute(ExecutionFixture.crmPlan(crm, timeoutSeconds: 1), input: ExecutionFixture.lead)
        let elapsed = ContinuousClock.now - started

        #expect(result.error == .timeout && result.statusCode == 0 && !result.success && result.body == .null)
        #expect(elapsed >= .milliseconds(950) && elapsed < .seconds(10), "took \(elapsed)")
        #expect(result.executionTimeMs >= 950 && result.executionTimeMs < 10_000)
    }

    @Test func resetConnections_GiveConnectionError_AfterTheRetries() async throws {
        let crm = try ExecutionFixture.system("crm")
        defer { crm.stop() }
        let client = try ExecutionFixture.client()
        defer { client.shutdown() }
        crm.addFault(try ExecutionFixture.fault(["action": ["type": "reset"]]))
        let clock = RecordingClock()

        let result = try await ToolExecutor(client: client, clock: clock)
            .execute(ExecutionFixture.crmPlan(crm, retry: RetryPolicy(maxRetries: 1, jitter: false)), input: ExecutionFixture.lead)

        #expect(result.error == .connectionError && result.statusCode == 0 && result.attempts == 2)
        #expect(result.json["status_code"] == 0 && result.json["error"] == "connection_error")
        #expect(clock.requested == [.seconds(1)] && crm.records(in: "leads").isEmpty)
    }

    @Test func garbageAnswer_IsAnInvalidResponse_NotRetried() async throws {
        let crm = try ExecutionFixture.system("crm")
        defer { crm.stop() }
        let client = try ExecutionFixture.client()
        defer { client.shutdown() }
        crm.addFault(try ExecutionFixture.fault(["action": ["type": "garbage", "bytes": "NOT HTTP\r\n\r\n"]]))

        let result = try await ToolExecutor(client: client, clock: RecordingClock())
            .execute(ExecutionFixture.crmPlan(crm, retry: RetryPolicy(maxRetries: 2)), input: ExecutionFixture.lead)

        #expect(result.error == .invalidResponse && result.attempts == 1 && crm.journal.stats.recorded == 1)
    }
}
