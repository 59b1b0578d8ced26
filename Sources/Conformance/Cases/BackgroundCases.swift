// Background cases: with run_in_background the execute answer comes before the downstream call finishes, and the
// call is still made, exactly once.
import MockSystems
import JSONModel

enum BackgroundCases {
    static let all: [ConformanceCase] = [beforeCallFinishes]

    /// How long the CRM holds the call: a correct server has answered well before.
    static let downstreamDelayMs = 1000

    static let beforeCallFinishes = ConformanceCase(
        "background.early-answer.before-call-finishes",
        "With run_in_background the answer comes while the CRM still holds the call (1 s), and the call is made once",
        rule: "background.early-answer", dialects: [.oneinbox], wait: 1.3
    ) { context in
        let crm = try context.startCRM()
        crm.addFault(FaultRule.delay(milliseconds: downstreamDelayMs))
        var spec = ToolSpec.callbackLead(crm: crm)
        spec.runInBackground = true
        let tool = try await context.createTool(spec)

        let answer = try await context.executeJudged(tool.id, input: ToolSpec.callbackInput())
        let finishedBeforeAnswer = crm.requests().filter(\.completed)
        try context.expect((200..<300).contains(answer.status), "the execute is accepted with a 2xx", observed: answer.summary)
        try context.expect(finishedBeforeAnswer.isEmpty, "the answer comes before the downstream call finishes",
                           observed: "the CRM had answered \(finishedBeforeAnswer.count) call(s), each held \(downstreamDelayMs) ms, "
                           + "before the answer (after \(Int(answer.elapsedMs)) ms)")

        let seconds = Double(downstreamDelayMs) / 1000
        let arrived = await crm.waitForRequests(count: 1, seconds: seconds * context.timeoutScale)
        try context.expect(arrived == 1, "the downstream call is made after the answer", observed: "nothing arrived within \(seconds) s")
        // Past the CRM's delay and one round trip: a call repeated once the first is answered (a retry of a call
        // thought lost, a second run of the job) would show by now.
        let total = await crm.waitForRequests(count: 2, seconds: context.lateMarginMs(seconds + 0.3) / 1000)
        try context.expect(total == 1, "the call happens exactly once", observed: "the CRM received \(total) calls")
    }
}
