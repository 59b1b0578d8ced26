// The answer to an execute request: Feather's ToolExecuteResponse, as a value and as JSON.
import JSONModel

/// Why an execution did not succeed, as the `error` field names it.
public enum ExecutionErrorKind: String, Sendable, Equatable, CaseIterable {
    /// The last attempt was abandoned at its deadline.
    case timeout
    /// No connection, or it broke before a complete response; also a request that could not be sent (bad URL).
    case connectionError = "connection_error"
    /// A complete response with a status outside 2xx.
    case httpStatus = "http_status"
    /// A response that was not valid HTTP or was too large.
    case invalidResponse = "invalid_response"
    /// The OAuth token endpoint refused or failed; nothing was sent downstream (an extension of the contract).
    case oauthError = "oauth_error"
}

/// The outcome of one execution. Downstream failures are described here, never thrown: the tool server answers
/// them with 200 and `success: false`.
public struct ExecutionResult: Sendable, Equatable {
    /// The downstream status, or 0 when no response arrived (and for an accepted background execution).
    public var statusCode: Int
    /// The downstream response's header fields, names lowercased, repeated fields joined with `, `.
    public var headers: [(name: String, value: String)]
    /// The response body after `field_mappings` (see `ResponseMapper`); `null` when none arrived.
    public var body: JSONValue
    /// `true` for a 2xx status (and for an accepted background execution).
    public var success: Bool
    /// Why it failed, or nil on success.
    public var error: ExecutionErrorKind?
    /// Milliseconds from the start of the execution to the answer, retries and waits included.
    public var executionTimeMs: Double
    /// The URL called, with secure query values masked.
    public var requestURL: String
    /// The method used.
    public var requestMethod: String
    /// How many attempts were made (not part of Feather's schema; for logs and tests).
    public var attempts: Int
    /// `true` for the immediate answer of `ToolExecutor.executeInBackground` (sent as `"background": true`).
    public var background: Bool = false

    /// The answer as a `ToolExecuteResponse` JSON object: `status_code`, `headers`, `body`, `success`, `error`
    /// (null on success), `execution_time_ms`, `request_url`, `request_method`, plus `"background": true` for an
    /// accepted background execution.
    public var json: JSONValue {
        var object: JSONObject = [
            "status_code": .int(statusCode),
            "headers": .object(JSONObject(headers.map { (key: $0.name, value: JSONValue.string($0.value)) })),
            "body": body,
            "success": .bool(success),
            "error": error.map { .string($0.rawValue) } ?? .null,
            "execution_time_ms": .double((executionTimeMs * 1000).rounded() / 1000),
            "request_url": .string(requestURL),
            "request_method": .string(requestMethod),
        ]
        if background { object["background"] = .bool(true) }
        return .object(object)
    }

    /// Results are equal when their JSON and attempt counts are.
    public static func == (lhs: ExecutionResult, rhs: ExecutionResult) -> Bool {
        lhs.json == rhs.json && lhs.attempts == rhs.attempts
    }
}
