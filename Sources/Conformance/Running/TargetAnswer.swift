// An answer from the target, with its body parsed when it is JSON.
import HTTPWire
import JSONModel

/// What the target answered to one request.
public struct TargetAnswer: Sendable {
    public var status: Int
    public var headers: HTTPHeaders
    public var body: [UInt8]
    /// The body as JSON; nil when it is empty or not JSON.
    public var json: JSONValue?
    /// Milliseconds from sending the request to the complete answer.
    public var elapsedMs: Double

    init(_ response: HTTPResponse, elapsedMs: Double) {
        status = response.status
        headers = response.headers
        body = response.body
        json = response.body.isEmpty ? nil : try? JSONValue.parse(response.body)
        self.elapsedMs = elapsedMs
    }

    /// The body as text.
    public var text: String { String(decoding: body, as: UTF8.self) }

    /// `json[key]`, or `.null`.
    public subscript(key: String) -> JSONValue { json?[key] ?? .null }

    /// A short description for `observed` texts: status and the start of the body.
    public var summary: String {
        let shown = text.count > 300 ? String(text.prefix(300)) + "…" : text
        return "\(status) \(shown)"
    }
}
