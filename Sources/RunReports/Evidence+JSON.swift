// A case's evidence as JSON (`cases[].evidence`): the expectation, what was observed, exchanges and mock requests.
import Conformance
import JSONModel

extension Evidence {
    /// `{expectation, observed, exchanges: [...], mock_requests: [...]}`.
    public var jsonValue: JSONValue {
        [
            "expectation": .string(expectation),
            "observed": .string(observed),
            "exchanges": .array(exchanges.map(\.jsonValue)),
            "mock_requests": .array(mockRequests.map(\.jsonValue)),
        ]
    }

    init(json: JSONValue, at path: String) throws(ReportReadError) {
        let fields = try JSONFields(json, at: path, known: ["expectation", "observed", "exchanges", "mock_requests"])
        var exchanges: [Exchange] = []
        for item in try fields.elements("exchanges") { exchanges.append(try Exchange(json: item.value, at: item.path)) }
        var mockRequests: [MockRequest] = []
        for item in try fields.elements("mock_requests") { mockRequests.append(try MockRequest(json: item.value, at: item.path)) }
        self.init(expectation: try fields.requiredString("expectation"), observed: try fields.requiredString("observed"),
                  exchanges: exchanges, mockRequests: mockRequests)
    }
}

extension Exchange {
    /// `{method, url, request_headers, request_body, status, response_headers, response_body, error, started_ms,
    /// duration_ms}`, with null for absent bodies, status and error.
    public var jsonValue: JSONValue {
        [
            "method": .string(method),
            "url": .string(url),
            "request_headers": HeaderField.jsonValue(requestHeaders),
            "request_body": requestBody.map(JSONValue.string) ?? .null,
            "status": status.map(JSONValue.int) ?? .null,
            "response_headers": HeaderField.jsonValue(responseHeaders),
            "response_body": responseBody.map(JSONValue.string) ?? .null,
            "error": error.map(JSONValue.string) ?? .null,
            "started_ms": .double(startedMs),
            "duration_ms": .double(durationMs),
        ]
    }

    init(json: JSONValue, at path: String) throws(ReportReadError) {
        let fields = try JSONFields(json, at: path, known: [
            "method", "url", "request_headers", "request_body", "status", "response_headers", "response_body", "error",
            "started_ms", "duration_ms",
        ])
        self.init(method: try fields.requiredString("method"), url: try fields.requiredString("url"),
                  requestHeaders: try HeaderField.list(fields, "request_headers"),
                  requestBody: try fields.string("request_body", nullable: true), status: try fields.int("status", nullable: true),
                  responseHeaders: try HeaderField.list(fields, "response_headers"),
                  responseBody: try fields.string("response_body", nullable: true), error: try fields.string("error", nullable: true),
                  startedMs: try fields.requiredNumber("started_ms"), durationMs: try fields.requiredNumber("duration_ms"))
    }
}

extension MockRequest {
    /// `{system, method, target, headers, body, arrived_ms, status}`, with null for an absent body or status.
    public var jsonValue: JSONValue {
        [
            "system": .string(system),
            "method": .string(method),
            "target": .string(target),
            "headers": HeaderField.jsonValue(headers),
            "body": body.map(JSONValue.string) ?? .null,
            "arrived_ms": .double(arrivedMs),
            "status": status.map(JSONValue.int) ?? .null,
        ]
    }

    init(json: JSONValue, at path: String) throws(ReportReadError) {
        let fields = try JSONFields(json, at: path, known: ["system", "method", "target", "headers", "body", "arrived_ms", "status"])
        self.init(system: try fields.requiredString("system"), method: try fields.requiredString("method"), target: try fields.requiredString("target"),
                  headers: try HeaderField.list(fields, "headers"), body: try fields.string("body", nullable: true),
                  arrivedMs: try fields.requiredNumber("arrived_ms"), status: try fields.int("status", nullable: true))
    }
}

extension HeaderField {
    /// Headers as `[{name, value}]`, in their order.
    static func jsonValue(_ headers: [HeaderField]) -> JSONValue {
        .array(headers.map { ["name": .string($0.name), "value": .string($0.value)] })
    }

    /// The header list at `key` of `fields`.
    static func list(_ fields: JSONFields, _ key: String) throws(ReportReadError) -> [HeaderField] {
        var headers: [HeaderField] = []
        for item in try fields.elements(key) {
            let header = try JSONFields(item.value, at: item.path, known: ["name", "value"])
            headers.append(HeaderField(name: try header.requiredString("name"), value: try header.requiredString("value")))
        }
        return headers
    }
}
