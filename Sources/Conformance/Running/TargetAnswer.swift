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
    /// Why a body that looks like JSON (it starts with `{` or `[`) is not: the parser's reason and byte offset.
    public var jsonError: JSONParseError?
    /// Milliseconds from sending the request to the complete answer.
    public var elapsedMs: Double

    init(_ response: HTTPResponse, elapsedMs: Double) {
        status = response.status
        headers = response.headers
        body = response.body
        self.elapsedMs = elapsedMs
        guard !response.body.isEmpty else { return }
        do {
            json = try JSONValue.parse(response.body)
        } catch {
            if response.body.looksLikeJSON { jsonError = error }
        }
    }

    /// The body as text.
    public var text: String { String(decoding: body, as: UTF8.self) }

    /// `json[key]`, or `.null`.
    public subscript(key: String) -> JSONValue { json?[key] ?? .null }

    /// A short description for `observed` texts: status and the start of the body; for a body that looks like JSON
    /// but is not, what is wrong, where, and the bytes around that place.
    public var summary: String {
        if let jsonError {
            return "\(status), not valid JSON: \(jsonError.reason) at byte \(jsonError.offset): \(body.around(jsonError.offset, radius: 60))"
        }
        let shown = text.count > 300 ? String(text.prefix(300)) + "…" : text
        return "\(status) \(shown)"
    }
}

extension [UInt8] {
    /// Whether the first byte that is not white space opens a JSON object or array.
    var looksLikeJSON: Bool {
        guard let first = first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) else { return false }
        return first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
    }

    /// Up to `radius` bytes on each side of `offset` as text, with `…` where bytes were left out: `…,"n": Infinity}…`.
    func around(_ offset: Int, radius: Int) -> String {
        let start = Swift.max(0, Swift.min(offset, count) - radius), end = Swift.min(count, offset + radius)
        return (start > 0 ? "…" : "") + String(decoding: self[start..<end], as: UTF8.self) + (end < count ? "…" : "")
    }
}
