// The tool server's error answers: Feather's ErrorResponse and HTTPValidationError shapes.
import HTTPWire
import JSONModel

/// An error answer: `{"error", "message", "retryable", "retry_after"}` (Feather's ErrorResponse) for 400/401/404/405/409,
/// or `{"detail": [{"loc", "msg", "type"}]}` (HTTPValidationError) for 422.
enum APIError {
    /// Feather's ErrorResponse with `status`; `code` is a short machine word, `message` says what to do.
    static func response(_ status: Int, _ code: String, _ message: String, retryable: Bool = false,
                         retryAfter: Int? = nil, headers: HTTPHeaders = [:]) -> HTTPResponse {
        let body: JSONValue = .object([
            "error": .string(code), "message": .string(message), "retryable": .bool(retryable),
            "retry_after": retryAfter.map { .int($0) } ?? .null,
        ])
        return .json(status, body.encoded(), headers: headers)
    }

    /// 422 with one detail item per problem; `loc` starts with where the value came from (`body`, `query`, `path`).
    static func validation(_ problems: [(loc: [JSONValue], msg: String, type: String)]) -> HTTPResponse {
        let detail = problems.map { problem -> JSONValue in
            .object(["loc": .array(problem.loc), "msg": .string(problem.msg), "type": .string(problem.type)])
        }
        return .json(422, JSONValue.object(["detail": .array(detail)]).encoded())
    }

    static func notFound(_ what: String, _ id: String) -> HTTPResponse {
        response(404, "not_found", "no \(what) with id '\(id)'")
    }

    static func wrongMethod(_ method: String, _ path: Substring, allowed: [String]) -> HTTPResponse {
        response(405, "method_not_allowed", "\(method) is not allowed on \(path); allowed: \(allowed.joined(separator: ", "))",
                 headers: ["Allow": allowed.joined(separator: ", ")])
    }
}
