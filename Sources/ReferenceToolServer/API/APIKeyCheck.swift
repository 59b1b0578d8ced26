// Who may call the tool server: one API key, presented as `x-api-key` or `Authorization: Bearer`.
import HTTPWire

/// Checks the API key on a request; the key never appears in any answer or log.
struct APIKeyCheck: Sendable {
    let key: String

    /// nil when the request carries the key; else the 401 to answer.
    func refusal(for request: HTTPRequest) -> HTTPResponse? {
        let presented = request.headers["x-api-key"] ?? Self.bearer(request.headers["Authorization"])
        guard let presented, !presented.isEmpty else {
            return APIError.response(401, "unauthorized", "send the API key as 'x-api-key: <key>' or 'Authorization: Bearer <key>'",
                                     headers: ["WWW-Authenticate": "Bearer"])
        }
        guard constantTimeEquals(Array(presented.utf8), Array(key.utf8)) else {
            return APIError.response(401, "unauthorized", "the API key is not valid", headers: ["WWW-Authenticate": "Bearer error=\"invalid_token\""])
        }
        return nil
    }

    private static func bearer(_ value: String?) -> String? {
        guard let value else { return nil }
        let parts = value.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, HTTPHeaders.namesMatch(parts[0], "Bearer") else { return nil }
        return String(parts[1].trimmingWhitespace())
    }

    /// A fresh random key, `tsk_` + 32 hex digits, for `serve` without `--api-key`.
    static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        let digits = Array("0123456789abcdef")
        return "tsk_" + String((0..<32).map { _ in digits[Int(generator.next() & 0xF)] })
    }
}
