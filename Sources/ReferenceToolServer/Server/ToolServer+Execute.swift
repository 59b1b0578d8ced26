// Executing a tool: input checked before anything is sent, downstream failures answered 200 with success false.
import Foundation
import HTTPWire
import JSONModel

extension ToolServer {
    func execute(_ toolID: String, _ request: HTTPRequest, _ respond: @escaping Respond) {
        guard let (record, active) = store.tool(toolID) else { return respond(APIError.notFound("tool", toolID)) }
        guard record.status != .disabled else {
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
        guard case let .object(object) = body else {
            return respond(APIError.validation([(loc: ["body"], msg: "Input should be a valid dictionary", type: "dict_type")]))
        }
        var problems: [(loc: [JSONValue], msg: String, type: String)] = []
        let input = Self.objectField(object, "input", into: &problems)
        let metadata = Self.objectField(object, "metadata", into: &problems)
        guard problems.isEmpty else { return respond(APIError.validation(problems)) }
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

    private static func objectField(_ object: JSONObject, _ key: String, into problems: inout [(loc: [JSONValue], msg: String, type: String)]) -> JSONObject {
        switch object[key] {
        case nil, .null?: return [:]
        case let .object(value)?: return value
        default:
            problems.append((loc: ["body", .string(key)], msg: "Input should be a valid dictionary", type: "dict_type"))
            return [:]
        }
    }
}
