// What a case saw, kept for failures so a reader can tell why without re-running. Secrets are already redacted.
import JSONModel

/// Why a case did not pass: the expectation, what was observed, and every exchange behind it.
public struct Evidence: Sendable, Equatable {
    /// What the contract asks, in words (`the CRM receives exactly one lead`).
    public var expectation: String
    /// What happened instead (`it received 2`).
    public var observed: String
    /// Every request the runner sent to the target in this case, oldest first.
    public var exchanges: [Exchange]
    /// Every request the case's mock systems received, oldest first.
    public var mockRequests: [MockRequest]

    public init(expectation: String, observed: String, exchanges: [Exchange] = [], mockRequests: [MockRequest] = []) {
        self.expectation = expectation
        self.observed = observed
        self.exchanges = exchanges
        self.mockRequests = mockRequests
    }
}

/// A header as sent or received.
public struct HeaderField: Sendable, Equatable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// One request the runner sent to the target, and its answer or the transport error.
public struct Exchange: Sendable, Equatable {
    public var method: String
    public var url: String
    public var requestHeaders: [HeaderField]
    /// The request body as text (truncated to `Exchange.maxBodyCharacters`); nil when empty.
    public var requestBody: String?
    /// The answer's status; nil when none came.
    public var status: Int?
    public var responseHeaders: [HeaderField]
    public var responseBody: String?
    /// The transport error instead of an answer (`timed out after 2.0 s waiting for the response`).
    public var error: String?
    /// When the request started, in milliseconds since the case started.
    public var startedMs: Double
    /// How long until the answer or error, in milliseconds.
    public var durationMs: Double

    /// Bodies longer than this are cut, with a note of how much was left out.
    public static let maxBodyCharacters = 4096

    public init(method: String, url: String, requestHeaders: [HeaderField] = [], requestBody: String? = nil,
                status: Int? = nil, responseHeaders: [HeaderField] = [], responseBody: String? = nil,
                error: String? = nil, startedMs: Double = 0, durationMs: Double = 0) {
        self.method = method
        self.url = url
        self.requestHeaders = requestHeaders
        self.requestBody = requestBody
        self.status = status
        self.responseHeaders = responseHeaders
        self.responseBody = responseBody
        self.error = error
        self.startedMs = startedMs
        self.durationMs = durationMs
    }
}

/// One request a mock system received during the case.
public struct MockRequest: Sendable, Equatable {
    /// The mock's name (`crm`, `webhook`, `oauth`).
    public var system: String
    public var method: String
    /// The request target as received (path and query).
    public var target: String
    public var headers: [HeaderField]
    public var body: String?
    /// Arrival, in milliseconds since the case started.
    public var arrivedMs: Double
    /// The status the mock answered; nil when it had not answered (a delay or a dropped connection).
    public var status: Int?

    public init(system: String, method: String, target: String, headers: [HeaderField] = [], body: String? = nil,
                arrivedMs: Double = 0, status: Int? = nil) {
        self.system = system
        self.method = method
        self.target = target
        self.headers = headers
        self.body = body
        self.arrivedMs = arrivedMs
        self.status = status
    }
}

extension String {
    /// The text cut to `limit` characters with a note of the rest, for evidence bodies. A long body keeps its start
    /// and, further on, the part that explains the verdict: around the first JSON error when it looks like JSON but
    /// is not, else around the first `"key"` of `fields` it holds (the field a failed expectation looked at).
    func truncatedForEvidence(_ limit: Int = Exchange.maxBodyCharacters, around fields: [String] = []) -> String {
        guard count > limit else { return self }
        let bytes = Array(utf8)
        let head = limit / 2
        if bytes.looksLikeJSON, case let .failure(error) = Result(catching: { try JSONValue.parse(bytes) }),
           let problem = error as? JSONParseError, problem.offset > head {
            return String(decoding: bytes.prefix(head), as: UTF8.self)
                + " … (\(bytes.count - head) bytes; the JSON breaks at byte \(problem.offset): \(problem.reason)) "
                + bytes.around(problem.offset, radius: limit / 4)
        }
        for field in fields {
            guard let offset = bytes.firstOffset(of: Array("\"\(field)\"".utf8)), offset > head else { continue }
            return String(decoding: bytes.prefix(head), as: UTF8.self)
                + " … (\(bytes.count - head) bytes; shown around \"\(field)\" at byte \(offset)) "
                + bytes.around(offset, radius: limit / 4)
        }
        return String(prefix(limit)) + "… (\(count - limit) more characters)"
    }
}

extension [UInt8] {
    /// Where `needle` first starts, or nil.
    func firstOffset(of needle: [UInt8]) -> Int? {
        guard !needle.isEmpty, needle.count <= count else { return nil }
        return (0...(count - needle.count)).first { start in
            self[start] == needle[0] && self[start..<(start + needle.count)].elementsEqual(needle)
        }
    }
}
