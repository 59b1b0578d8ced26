// The tool lifecycle as cases use it: create, read, execute and delete in the target's dialect.
import JSONModel

/// A tool the case created on the target.
public struct CreatedTool: Sendable {
    /// The id the target gave it.
    public var id: String
    /// The create answer.
    public var answer: TargetAnswer
}

extension CaseContext {
    /// Creates a tool, for cases whose subject is something else (executing, secrets): a target that cannot
    /// create it makes the case an error, not a failure (`lifecycle.create` judges creation).
    /// - Throws: `CaseSetupError` unless the answer is 2xx with an `id`.
    public func createTool(_ spec: ToolSpec) async throws -> CreatedTool {
        try await createTool(json: spec.json(for: dialect))
    }

    /// Creates a tool from a body written by hand; see `createTool(_:)`.
    public func createTool(json: JSONValue) async throws -> CreatedTool {
        let answer = try await send("POST", "/v1/tools", json: json)
        guard (200..<300).contains(answer.status), let id = answer["id"].stringValue else {
            throw CaseSetupError("setup: creating the tool failed: \(answer.summary)")
        }
        return CreatedTool(id: id, answer: answer)
    }

    /// `POST /v1/tools/{id}/execute` with `{"input": input}` (plus `metadata` when given).
    /// - Parameter timeout: how long to wait before scaling; nil uses the run's request timeout.
    public func execute(_ id: String, input: JSONValue, metadata: JSONValue? = nil, timeout: Duration? = nil) async throws -> TargetAnswer {
        try await send("POST", "/v1/tools/\(id)/execute", json: executeBody(input: input, metadata: metadata), timeout: timeout)
    }

    /// The execute request body.
    public func executeBody(input: JSONValue, metadata: JSONValue? = nil) -> JSONValue {
        var body: JSONObject = ["input": input]
        if let metadata { body["metadata"] = metadata }
        return .object(body)
    }

    /// `GET /v1/tools/{id}`.
    public func getTool(_ id: String) async throws -> TargetAnswer {
        try await send("GET", "/v1/tools/\(id)")
    }

    /// `DELETE /v1/tools/{id}`.
    public func deleteTool(_ id: String) async throws -> TargetAnswer {
        try await send("DELETE", "/v1/tools/\(id)")
    }
}
