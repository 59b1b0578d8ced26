// Background execution: the answer comes before the downstream call finishes, and the call happens exactly once.
import Foundation
import HTTPWire
import JSONModel
import MockSystems
import Testing
@testable import ReferenceToolServer

@Suite struct ExecutionBackgroundTests {
    @Test func backgroundExecution_AnswersFirst_ThenCallsExactlyOnce() async throws {
        let crm = try ExecutionFixture.system("crm")
        defer { crm.stop() }
        let client = try ExecutionFixture.client()
        defer { client.shutdown() }
        crm.addFault(try ExecutionFixture.fault(["delay_ms": 300]))
        let executor = ToolExecutor(client: client, clock: RecordingClock())

        let background = try executor.executeInBackground(ExecutionFixture.crmPlan(crm), input: ExecutionFixture.lead)

        #expect(background.accepted.json == [
            "status_code": 0, "headers": [:], "body": nil, "success": true, "error": nil,
            "execution_time_ms": background.accepted.json["execution_time_ms"] ?? 0,
            "request_url": .string((crm.baseURL ?? "") + "/callbacks"), "request_method": "POST", "background": true,
        ])
        #expect(crm.records(in: "leads").isEmpty)
        let finished = await background.completion.value
        #expect(finished.statusCode == 201 && finished.attempts == 1)
        #expect(crm.journal.stats.recorded == 1 && crm.records(in: "leads").count == 1)
    }
}
