// Fixtures for the end-to-end server tests: a started ToolServer, a JSON request helper, the handbook's callback tool.
import ToolContract
import Foundation
import HTTPWire
import JSONModel
import MockSystems
@testable import ReferenceToolServer

/// A reference tool server on a free loopback port plus a client to call it; `stop()` ends both.
struct ServerHarness {
    /// The fixed API key every harness server accepts.
    static let apiKey = "tsk_end_to_end_key"
    /// The bearer token the built-in mock CRM accepts: the secret the tests look for in answers.
    static let crmToken = "crm-token"

    let server: ToolServer
    let client: HTTPClient
    let baseURL: String

    /// Starts a server in `dialect` with one event loop, and a client with its own loop.
    /// - Throws: when the server cannot bind or a client cannot start.
    static func start(_ dialect: Dialect = .feather) throws -> ServerHarness {
        try start { $0.dialect = dialect }
    }

    /// Stops the server (and its outbound client) and shuts the test client down.
    func stop() {
        client.shutdown()
        server.stop()
    }

    /// The API key as `x-api-key`, the way most tests authenticate.
    static let keyHeader: HTTPHeaders = ["x-api-key": apiKey]

    /// Sends `method path` with `json` as the body (when given) and `headers` (the API key by default).
    /// - Throws: the `HTTPClientError` of a failed exchange.
    func request(_ method: String, _ path: String, json: JSONValue? = nil, headers: HTTPHeaders = keyHeader,
                 timeout: Duration = .seconds(15)) async throws -> ServerReply {
        var all = headers
        var body: [UInt8] = []
        if let json {
            all.add("Content-Type", "application/json")
            body = json.encoded()
        }
        let response = try await client.execute(HTTPClientRequest(method: method, url: baseURL + path, headers: all, body: body),
                                                timeout: timeout)
        return ServerReply(response: response)
    }

    /// Creates `body` as a tool and returns its id.
    /// - Throws: `HarnessError.unexpected` when the server does not answer 201 with an id.
    func createTool(_ body: JSONValue) async throws -> String {
        let reply = try await request("POST", "/v1/tools", json: body)
        guard reply.status == 201, let id = reply.json["id"]?.stringValue else {
            throw HarnessError.unexpected("create answered \(reply.status): \(reply.text)")
        }
        return id
    }

    /// Creates `body` as a tool; returns the 201 answer, the tool's id and its active revision's id.
    /// - Throws: `HarnessError.unexpected` when the answer lacks either id.
    func createToolWithRevision(_ body: JSONValue) async throws -> (created: ServerReply, id: String, revisionID: String) {
        let created = try await request("POST", "/v1/tools", json: body)
        guard created.status == 201, let id = created.json["id"]?.stringValue,
              let revisionID = created.json["active_revision_id"]?.stringValue else {
            throw HarnessError.unexpected("create answered \(created.status): \(created.text)")
        }
        return (created, id, revisionID)
    }

    enum HarnessError: Error {
        case notListening
        case unexpected(String)
    }
}

/// One answer of the tool server: status, raw bytes (for secret searches) and the body as JSON.
struct ServerReply {
    let response: HTTPResponse

    var status: Int { response.status }
    var text: String { response.bodyText }
    /// The body parsed as JSON; `null` when it is empty or not JSON (tests then fail on the fields they read).
    var json: JSONValue { (try? JSONValue.parse(response.body)) ?? .null }

    /// Whether `secret` occurs anywhere in the head or body bytes of this answer.
    func contains(_ secret: String) -> Bool {
        let head = response.headers.map { "\($0.name): \($0.value)" }.joined(separator: "\n")
        return head.contains(secret) || response.bodyText.contains(secret)
    }

    /// The `loc` of every 422 detail item, each joined with `.` (e.g. `body.name`).
    var detailLocations: [String] {
        (json["detail"]?.arrayValue ?? []).map { item in
            (item["loc"]?.arrayValue ?? []).map { $0.stringValue ?? $0.intValue.map(String.init) ?? "?" }.joined(separator: ".")
        }
    }

    /// Whether the body is Feather's ErrorResponse: `error` and `message` strings, `retryable` bool, `retry_after` key.
    var isErrorResponse: Bool {
        json["error"]?.stringValue != nil && json["message"]?.stringValue != nil && json["retryable"]?.boolValue != nil
            && json.objectValue?["retry_after"] != nil
    }
}

/// The handbook's `create_callback_lead` tool, pointed at a mock CRM.
enum CallbackLeadTool {
    /// The four fields the CRM needs, as the agent would send them; `name` tells leads of concurrent tests apart.
    static func input(name: String = "Ada Lovelace", phone: String = "+15105550100") -> JSONValue {
        ["name": .string(name), "company": "Analytical Engines", "reason": "Wants a demo", "phone_number": .string(phone)]
    }

    /// The input with `field` left out.
    static func input(without field: String) -> JSONValue {
        var object = input().objectValue ?? [:]
        object[field] = nil
        return .object(object)
    }

    /// Feather's `configuration`: POST `crm`/callbacks with a secure bearer header and the four placeholders.
    /// - Parameters:
    ///   - authorization: the header value sent (the real token by default; the mask in update tests).
    ///   - retry: a `RetryConfig` object, or nil for none.
    static func configuration(crm: MockSystem, timeout: Int = 5, retry: JSONValue? = nil,
                              authorization: String = "Bearer \(ServerHarness.crmToken)") -> JSONValue {
        var configuration: JSONObject = [
            "url": .string((crm.baseURL ?? "http://127.0.0.1:1") + "/callbacks"),
            "method": "POST",
            "headers": [["key": "Authorization", "value": .string(authorization), "secure": true]],
            "body": ["name": "{{name}}", "company": "{{company}}", "reason": "{{reason}}", "phone_number": "{{phone_number}}"],
            "timeout": .int(timeout),
            "variables": .array(["name", "company", "reason", "phone_number"].map {
                ["name": .string($0), "type": "str", "required": true]
            }),
        ]
        if let retry { configuration["retry"] = retry }
        return .object(configuration)
    }

    /// Feather's `ToolCreate` for the tool, mapping `lead.id` to `lead_id`.
    static func feather(crm: MockSystem, timeout: Int = 5, retry: JSONValue? = nil) -> JSONValue {
        [
            "name": "create_callback_lead",
            "description": "Saves a callback lead once the caller gave all four fields",
            "tool_type": "api_call",
            "configuration": configuration(crm: crm, timeout: timeout, retry: retry),
            "response_schema": ["field_mappings": [["path": "lead.id", "alias": "lead_id"]]],
        ]
    }

    /// OneInbox's create body for the same tool.
    static func oneInbox(crm: MockSystem, runInBackground: Bool = false) -> JSONValue {
        [
            "name": "create_callback_lead", "type": "api_call", "description": "Saves a callback lead",
            "url": .string((crm.baseURL ?? "http://127.0.0.1:1") + "/callbacks"), "method": "POST",
            "headers": ["Authorization": .string("Bearer \(ServerHarness.crmToken)")],
            "parameters": .array(["name", "company", "reason", "phone_number"].map { ["name": .string($0), "required": true] }),
            "run_in_background": .bool(runInBackground),
        ]
    }

    /// A started built-in mock CRM with one event loop; stop it with `defer { crm.stop() }`.
    static func startCRM() throws -> MockSystem { try ExecutionFixture.system("crm") }

    /// The CRM's requests to `POST /callbacks`, oldest first.
    static func callbackRequests(_ crm: MockSystem) -> [JournalEntry] {
        crm.journal.entries(filter: JournalFilter(route: "create_callback"))
    }
}

/// Waits, without blocking a thread, until `condition` holds or `timeout` passes; returns whether it held.
/// For state with no completion to wait on (a record stored after a delayed answer).
func waitUntil(timeout: Duration = .seconds(5), _ condition: () -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + timeout
    while !condition() {
        guard ContinuousClock.now < deadline else { return false }
        try? await Task.sleep(for: .milliseconds(10))
    }
    return true
}
