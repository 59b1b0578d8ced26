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
        for item in try fields.array("exchanges") { exchanges.append(try Exchange(json: item.value, at: item.path)) }
        var mockRequests: [MockRequest] = []
        for item in try fields.array("mock_requests") { mockRequests.append(try MockRequest(json: item.value, at: item.path)) }
        self.init(expectation: try fields.string("expectation"), observed: try fields.string("observed"),
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
        self.init(method: try fields.string("method"), url: try fields.string("url"),
                  requestHeaders: try HeaderField.list(fields, "request_headers"),
                  requestBody: try fields.optionalString("request_body"), status: try fields.optionalInt("status"),
                  responseHeaders: try HeaderField.list(fields, "response_headers"),
                  responseBody: try fields.optionalString("response_body"), error: try fields.optionalString("error"),
                  startedMs: try fields.double("started_ms"), durationMs: try fields.double("duration_ms"))
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
        self.init(system: try fields.string("system"), method: try fields.string("method"), target: try fields.string("target"),
                  headers: try HeaderField.list(fields, "headers"), body: try fields.optionalString("body"),
                  arrivedMs: try fields.double("arrived_ms"), status: try fields.optionalInt("status"))
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
        for item in try fields.array(key) {
            let header = try JSONFields(item.value, at: item.path, known: ["name", "value"])
            headers.append(HeaderField(name: try header.string("name"), value: try header.string("value")))
        }
        return headers
    }
}
