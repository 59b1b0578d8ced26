// Execute cases for execute.answer and execute.downstream-failure: what the ToolExecuteResponse says, and that a
// failed downstream call is still a 200 from the tool server.
import MockSystems
import JSONModel

extension ExecuteCases {
    static let answers: [ConformanceCase] = [successFields, failureFields, invalidResponse]
    static let downstreamFailures: [ConformanceCase] = [httpError, connectionReset]

    /// A webhook whose `path` always fails with `fault`, a tool calling it, and the execute answer.
    private static func failingCall(_ context: CaseContext, _ hook: CaseMock, path: String,
                                    fault: FaultRule) async throws -> TargetAnswer {
        hook.addFault(fault)
        let tool = try await context.createTool(.calling(hook, path, name: "post_\(path.dropFirst())"))
        let answer = try await context.executeJudged(tool.id)
        let arrived = hook.requests().filter { $0.path == path }.count
        try context.expect(arrived >= 1, "the call to \(path) reaches the downstream system", observed: "nothing arrived there")
        return answer
    }

    /// Checks `status_code`, `success: false` and `error` of a failed call, each on its own.
    private static func expectFailure(_ context: CaseContext, _ answer: TargetAnswer, statusCode: Int, error: String,
                                      because: String) throws {
        try context.expectExecuteResponse(answer)
        context.checkFields(answer, ["status_code": .int(statusCode), "success": false, "error": .string(error)], because: because)
    }

    // MARK: execute.answer

    static let successFields = ConformanceCase(
        "execute.answer.success-fields",
        "A 2xx call answers status_code, success true, error null, execution_time_ms, request_url, request_method and the body",
        rule: "execute.answer", wait: .milliseconds(200)
    ) { context in
        let hook = try context.startWebhook()
        let delay = Duration.milliseconds(200)
        hook.addFault(FaultRule.delay(delay))
        let tool = try await context.createTool(.calling(hook, "/answers", name: "post_answer"))
        let answer = try await context.executeJudged(tool.id)
        try context.expect(answer.status == 200, "the execute answers 200", observed: answer.summary)
        let downstream: JSONValue = ["received": true, "method": "POST"]
        context.checkFields(answer, ["status_code": 200, "success": true, "error": .null, "request_method": "POST",
                                     "request_url": .string(hook.url("/answers")), "body": downstream],
                            because: "a 2xx call with no field mappings")
        let headers = answer["headers"]
        context.check(headers == .null || headers.objectValue?.allSatisfy { $0.value.stringValue != nil } == true,
                      "headers, when given, is an object of strings", observed: "headers was \(headers.jsonText)", field: "headers")
        let reported = answer["execution_time_ms"].doubleValue
        context.check(reported.map { $0 >= delay.inMilliseconds - 5 && $0 <= answer.elapsedMs + context.marginMs(.milliseconds(50)) } == true,
                      "execution_time_ms covers the downstream's \(Int(delay.inMilliseconds)) ms and no more than the whole exchange "
                      + "(\(Int(answer.elapsedMs)) ms)", observed: "execution_time_ms was \(answer["execution_time_ms"].jsonText)",
                      field: "execution_time_ms")
        context.check(hook.requests().count == 1, "the webhook receives one request", observed: "\(hook.requests().count) arrived")
    }

    static let failureFields = ConformanceCase(
        "execute.answer.failure-fields",
        "A 404 answers status_code 404 and error http_status; a reset answers status_code 0 and error connection_error",
        rule: "execute.answer"
    ) { context in
        let hook = try context.startWebhook()
        let notFound = try await failingCall(context, hook, path: "/missing", fault: FaultRule.respond(404, path: "/missing"))
        try expectFailure(context, notFound, statusCode: 404, error: "http_status", because: "a complete 404 answer")
        let reset = try await failingCall(context, hook, path: "/broken", fault: FaultRule.connection(.reset, path: "/broken"))
        try expectFailure(context, reset, statusCode: 0, error: "connection_error", because: "a connection reset with no answer")
    }

    static let invalidResponse = ConformanceCase(
        "execute.answer.invalid-response", "Bytes that are not HTTP answer status_code 0, success false, error invalid_response",
        rule: "execute.answer"
    ) { context in
        let hook = try context.startWebhook()
        let answer = try await failingCall(context, hook, path: "/garbled", fault: FaultRule.connection(.garbage(FaultRule.defaultGarbage), path: "/garbled"))
        try expectFailure(context, answer, statusCode: 0, error: "invalid_response", because: "an answer that is not HTTP")
    }

    // MARK: execute.downstream-failure

    static let httpError = ConformanceCase(
        "execute.downstream-failure.http-error", "A downstream 500 or 404 is answered 200 with success false and that status_code",
        rule: "execute.downstream-failure"
    ) { context in
        let hook = try context.startWebhook()
        for status in [500, 404] {
            let path = "/status-\(status)"
            let answer = try await failingCall(context, hook, path: path, fault: FaultRule.respond(status, path: path))
            context.check(answer.status == 200, "a downstream \(status) is answered 200, never a 5xx of the tool server",
                          observed: answer.summary)
            context.checkFields(answer, ["success": false, "status_code": .int(status)], because: "a downstream \(status)")
        }
    }

    static let connectionReset = ConformanceCase(
        "execute.downstream-failure.connection-reset", "A downstream connection reset is answered 200 with success false",
        rule: "execute.downstream-failure"
    ) { context in
        let hook = try context.startWebhook()
        let answer = try await failingCall(context, hook, path: "/reset", fault: FaultRule.connection(.reset, path: "/reset"))
        context.check(answer.status == 200, "a reset downstream connection is answered 200, never a 5xx of the tool server",
                      observed: answer.summary)
        context.checkFields(answer, ["success": false], because: "a reset downstream connection")
    }
}
