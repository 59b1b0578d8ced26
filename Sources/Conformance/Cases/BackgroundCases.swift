// Background cases: with run_in_background the execute answer comes before the downstream call finishes, and the
// call is still made, exactly once.
import MockSystems
import JSONModel

enum BackgroundCases {
    static let all: [ConformanceCase] = [beforeCallFinishes]

    /// How long the CRM holds the call: a correct server has answered well before.
    static let downstreamDelay = Duration.seconds(1)

    static let beforeCallFinishes = ConformanceCase(
        "background.early-answer.before-call-finishes",
        "With run_in_background the answer comes while the CRM still holds the call (1 s), and the call is made once",
        rule: "background.early-answer", dialects: [.oneinbox], wait: .milliseconds(1300)
    ) { context in
        let crm = try context.startCRM()
        crm.addFault(FaultRule.delay(downstreamDelay))
        var spec = ToolSpec.callbackLead(crm: crm)
        spec.runInBackground = true
        let tool = try await context.createTool(spec)

        let answer = try await context.executeJudged(tool.id, input: ToolSpec.callbackInput())
        let finishedBeforeAnswer = crm.requests().filter(\.completed)
        try context.expect((200..<300).contains(answer.status), "the execute is accepted with a 2xx", observed: answer.summary)
        try context.expect(finishedBeforeAnswer.isEmpty, "the answer comes before the downstream call finishes",
                           observed: "the CRM had answered \(finishedBeforeAnswer.count) call(s), each held \(Int(downstreamDelay.inMilliseconds)) ms, "
                           + "before the answer (after \(Int(answer.elapsedMs)) ms)")

        let arrived = await crm.waitForRequests(count: 1, within: downstreamDelay.scaled(by: context.timeoutScale))
        try context.expect(arrived == 1, "the downstream call is made after the answer",
                           observed: "nothing arrived within \(downstreamDelay.inSeconds) s")
        // Past the CRM's delay and one round trip: a call repeated once the first is answered (a retry of a call
        // thought lost, a second run of the job) would show by now.
        let total = await crm.waitForRequests(count: 2, within: .milliseconds(context.lateMarginMs(downstreamDelay + .milliseconds(300))))
        try context.expect(total == 1, "the call happens exactly once", observed: "the CRM received \(total) calls")
    }
}
