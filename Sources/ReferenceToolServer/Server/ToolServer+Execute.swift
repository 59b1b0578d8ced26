// Executing a tool: input checked before anything is sent, downstream failures answered 200 with success false.
import Foundation
import HTTPWire
import JSONModel

extension ToolServer {
    func execute(_ toolID: String, _ request: HTTPRequest, _ respond: @escaping Respond) {
        guard let (record, active) = store.tool(toolID) else { return respond(APIError.notFound("tool", toolID)) }
        guard record.status != .disabled || configuration.deviations.executesDisabledTools else {
            return respond(APIError.response(409, "tool_disabled", "tool '\(toolID)' is disabled; enable it to execute"))
        }
        guard record.toolType == .apiCall, let revision = active, let configuration = revision.configuration else {
            return respond(APIError.response(400, "not_executable", "only api_call tools with an active configuration can be executed"))
        }
        let body: JSONValue
        switch Self.jsonBody(request, allowEmpty: true) {
        case let .success(value): body = value
        case let .failure(early): return respond(early.response)
        }
        let input: JSONObject, metadata: JSONObject
        switch ToolExecuteRequest.decode(body) {
        case let .valid(request, _):
            (input, metadata) = (request.input, self.configuration.deviations.dropsRequestMetadata ? [:] : request.metadata)
        case let .invalid(problems): return respond(Self.json(422, ValidationFailure(problems: problems).detailJSON))
        }
        let plan = ExecutionPlan(configuration: configuration, responseSchema: revision.responseSchema, inputDefaults: revision.inputDefaults)
        if record.behaviour.runInBackground {
            do {
                let running = try executor.executeInBackground(plan, input: input, metadata: metadata)
                guard !self.configuration.deviations.backgroundAnswersAfterCall else {
                    Task { _ = await running.completion.value; respond(Self.json(200, running.accepted.json)) }
                    return
                }
                respond(Self.json(200, running.accepted.json))
            } catch {
                respond(Self.json(422, error.json))
            }
            return
        }
        let executor = executor
        let failureStatus = self.configuration.deviations.downstreamFailureStatus ?? 200
        Task {
            do throws(InputRejection) {
                let result = try await executor.execute(plan, input: input, metadata: metadata)
                respond(Self.json(result.success ? 200 : failureStatus, result.json))
            } catch {
                respond(Self.json(422, error.json))
            }
        }
    }
}
