// Retry cases: how many attempts, and on which failures; every attempt counted in the mock's journal.
import JSONModel
import MockSystems

enum RetryCases {
    static let all: [ConformanceCase] = [allFail, retryableStatuses, connectionError, timedOut, neverOtherStatuses]
        + backoff + retryAfter + [sameIdempotencyKey]

    /// A webhook tool at `path` with `retry`, executed once; the attempts that reached `path` and the answer.
    /// `beforeExecute` runs once the tool exists, just before the execute request (to set up what depends on when).
    static func attempts(_ context: CaseContext, _ hook: CaseMock, path: String, retry: RetrySettings,
                         timeout: Int? = nil, answerWithin: Duration? = nil,
                         beforeExecute: () throws -> Void = {}) async throws -> (attempts: [JournalEntry], answer: TargetAnswer) {
        var spec = ToolSpec.calling(hook, path, name: "retrying_call")
        spec.retry = retry.json
        spec.timeout = timeout
        let tool = try await context.createTool(spec)
        try beforeExecute()
        let answer = try await context.executeJudged(tool.id, timeout: answerWithin)
        return (hook.requests().filter { $0.path == path }, answer)
    }

    /// Runs `attempts` for each status at once (each on its own path, failing as `fault` says) and hands every
    /// result to `judge`.
    static func forEachStatus(_ context: CaseContext, _ statuses: [Int], retry: RetrySettings,
                              fault: @escaping @Sendable (Int, String) -> FaultRule,
                              judge: (Int, [JournalEntry], TargetAnswer) throws -> Void) async throws {
        let hook = try context.startWebhook()
        for status in statuses { hook.addFault(fault(status, "/status-\(status)")) }
        let results = try await withThrowingTaskGroup(of: (Int, [JournalEntry], TargetAnswer).self) { group in
            for status in statuses {
                group.addTask {
                    let (seen, answer) = try await attempts(context, hook, path: "/status-\(status)", retry: retry)
                    return (status, seen, answer)
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        for (status, seen, answer) in results.sorted(by: { $0.0 < $1.0 }) { try judge(status, seen, answer) }
    }

    // MARK: retry.count

    static let allFail = ConformanceCase(
        "retry.count.all-fail", "With max_retries 2 and every attempt failing with 503, exactly 3 attempts arrive",
        rule: "retry.count", dialects: [.feather], wait: .milliseconds(600)
    ) { context in
        let hook = try context.startWebhook()
        hook.addFault(FaultRule.respond(503))
        let retry = RetrySettings(maxRetries: 2)
        let (seen, answer) = try await attempts(context, hook, path: "/unavailable", retry: retry)
        try context.expect(seen.count == 1 + retry.maxRetries, "1 + max_retries = \(1 + retry.maxRetries) attempts",
                           observed: "\(seen.count) attempts arrived (answered \(seen.statusList))")
        try context.expectExecuteResponse(answer)
        try context.expect(answer["success"] == .bool(false) && answer["status_code"] == .int(503),
                           "the answer reports the last attempt: success false, status_code 503", observed: answer.summary)
        let late = await hook.waitForRequests(count: seen.count + 1, within: Duration.milliseconds(300).scaled(by: context.timeoutScale))
        try context.expect(late == seen.count, "no attempt follows the answer", observed: "\(late - seen.count) more arrived")
    }

    // MARK: retry.which

    static let retryableStatuses = ConformanceCase(
        "retry.which.retryable-statuses", "A single 408, 429, 500, 502, 503 or 504 is retried, and the retry succeeds",
        rule: "retry.which", dialects: [.feather], wait: .milliseconds(200)
    ) { context in
        try await forEachStatus(context, [408, 429, 500, 502, 503, 504], retry: RetrySettings(maxRetries: 1),
                                fault: { FaultRule.respond($0, path: $1, times: 1) }) { status, seen, answer in
            try context.expect(seen.count == 2, "a \(status) is retried once (max_retries 1)",
                               observed: "\(seen.count) attempt(s) arrived (answered \(seen.statusList))")
            try context.expect(answer["success"] == .bool(true), "after the \(status), the retry's 200 is the answer",
                               observed: answer.summary)
        }
    }

    static let connectionError = ConformanceCase(
        "retry.which.connection-error", "A connection reset is retried, and the retry succeeds",
        rule: "retry.which", dialects: [.feather], wait: .milliseconds(200)
    ) { context in
        let hook = try context.startWebhook()
        hook.addFault(FaultRule.connection(.reset, times: 1))
        let (seen, answer) = try await attempts(context, hook, path: "/reset-once", retry: RetrySettings(maxRetries: 1))
        try context.expect(seen.count == 2, "the reset attempt is retried once", observed: "\(seen.count) attempt(s) arrived")
        try context.expect(answer["success"] == .bool(true), "the retry's 200 is the answer", observed: answer.summary)
    }

    static let timedOut = ConformanceCase(
        "retry.which.timeout", "An attempt abandoned at the 1 s timeout is retried, and the retry succeeds",
        rule: "retry.which", dialects: [.feather], wait: .milliseconds(1200)
    ) { context in
        let hook = try context.startWebhook()
        // 1 s, or more when the target is far: the retry's own round trip must fit in its timeout.
        let timeout = context.toolTimeoutSeconds(atLeast: 1)
        // The slow first answer is a 503, so a server that waits for it instead of timing out still has a reason to
        // retry: this case judges retrying, timeout.attempt judges the waiting.
        hook.addFault(FaultRule.respond(503, times: 1, delay: .seconds(timeout + 2)))
        let (seen, answer) = try await attempts(context, hook, path: "/slow-once", retry: RetrySettings(maxRetries: 1),
                                                timeout: timeout, answerWithin: .seconds(2 * timeout + 3))
        try context.expect(seen.count == 2, "the timed-out attempt is retried once", observed: "\(seen.count) attempt(s) arrived")
        try context.expect(answer["success"] == .bool(true), "the retry's 200 is the answer", observed: answer.summary)
    }

    static let neverOtherStatuses = ConformanceCase(
        "retry.which.never-other-statuses", "400, 401, 403, 404, 409, 422 and 501 are never retried: exactly one attempt each",
        rule: "retry.which", dialects: [.feather]
    ) { context in
        try await forEachStatus(context, [400, 401, 403, 404, 409, 422, 501], retry: RetrySettings(maxRetries: 2),
                                fault: { FaultRule.respond($0, path: $1) }) { status, seen, answer in
            try context.expect(seen.count == 1, "a \(status) is not retried (max_retries 2): one attempt",
                               observed: "\(seen.count) attempts arrived")
            try context.expectExecuteResponse(answer)
            try context.expect(answer["status_code"] == .int(status) && answer["success"] == .bool(false),
                               "the answer reports the \(status): status_code \(status), success false", observed: answer.summary)
        }
    }
}
