// Cases for timeout.attempt: a slow downstream attempt is abandoned at the tool's timeout, and the answer follows
// within timeout + 1 s of the last attempt's start. Judged by the mock's arrival stamps and when the answer arrived.
import MockSystems
import JSONModel

extension ExecuteCases {
    static let timeouts: [ConformanceCase] = [singleAttemptTimeout, everyAttemptTimeout]

    /// The smallest timeout the contract allows, in seconds.
    static let timeoutSeconds = 1
    /// How long the mock holds each answer: far beyond any allowed wait, so a server that waits for it never answers
    /// in time.
    static let slow = Duration.seconds(8)

    /// Creates a tool with the minimum timeout and `retry` against an always-slow webhook, executes it, and judges
    /// every attempt and the answer's timing. With `everyAttempt`, all `1 + max_retries` attempts must arrive: a
    /// server whose timeout covers the whole execution has no time left for a retry, and would otherwise pass.
    private static func expectAbandoned(_ context: CaseContext, retry: RetrySettings, answerWithin limit: Duration,
                                        everyAttempt: Bool = false) async throws {
        let hook = try context.startWebhook()
        hook.addFault(FaultRule.delay(slow))
        var spec = ToolSpec.calling(hook, "/slow", name: "slow_lookup")
        spec.timeout = timeoutSeconds
        spec.retry = retry.json
        let tool = try await context.createTool(spec)
        let answer = try await context.executeJudged(tool.id, timeout: limit)
        let answeredMs = context.elapsedMs

        let attempts = hook.requests()
        guard let last = attempts.last else {
            throw CaseFailure(expectation: "the call reaches the downstream system", observed: "nothing arrived")
        }
        if everyAttempt {
            try context.expect(attempts.count >= 1 + retry.maxRetries,
                               "each of the \(1 + retry.maxRetries) attempts gets its own \(timeoutSeconds) s timeout, so all of them are made",
                               observed: "\(attempts.count) attempt(s) arrived")
        }
        let timeoutMs = Duration.seconds(timeoutSeconds).inMilliseconds
        // The server's clock starts before the request arrives (connecting, sending), hence the margin below it.
        let earliest = timeoutMs - context.marginMs(.milliseconds(100))
        for (index, gap) in attempts.arrivalGapsMs.enumerated() {
            try context.expect(gap >= earliest, "attempt \(index + 1) is held for the full \(timeoutSeconds) s timeout before the next",
                               observed: "attempt \(index + 2) arrived \(Int(gap)) ms after it")
        }
        let held = answeredMs - context.offsetMs(last.arrivalMonotonicNanoseconds)
        let latest = (Duration.seconds(timeoutSeconds) + .seconds(1)).inMilliseconds + context.lateMarginMs(.milliseconds(250))
        try context.expect(held >= earliest, "the last attempt is abandoned at the \(timeoutSeconds) s timeout, not before",
                           observed: "the answer came \(Int(held)) ms after the last attempt arrived")
        try context.expect(held <= latest, "the answer arrives within timeout + 1 s of the last attempt's start (\(Int(latest)) ms)",
                           observed: "it came \(Int(held)) ms after the last attempt arrived")
        try context.expectExecuteResponse(answer)
        try context.expect(answer["error"] == "timeout" && answer["status_code"] == .int(0) && answer["success"] == .bool(false),
                           "the answer says error \"timeout\", status_code 0, success false", observed: answer.summary)
    }

    static let singleAttemptTimeout = ConformanceCase(
        "timeout.attempt.single", "A downstream slower than the 1 s timeout is abandoned; error timeout within timeout + 1 s",
        rule: "timeout.attempt", dialects: [.feather], wait: .seconds(2)
    ) { context in
        // Room for one unexpected extra attempt, so only the timing decides.
        try await expectAbandoned(context, retry: RetrySettings(maxRetries: 0), answerWithin: .milliseconds(3500))
    }

    static let everyAttemptTimeout = ConformanceCase(
        "timeout.attempt.each-retry", "With a retry, each attempt gets the full 1 s timeout and the answer follows the last one",
        rule: "timeout.attempt", dialects: [.feather], wait: .milliseconds(2100)
    ) { context in
        try await expectAbandoned(context, retry: RetrySettings(maxRetries: 1), answerWithin: .milliseconds(5500), everyAttempt: true)
    }
}
