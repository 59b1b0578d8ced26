// An HTTP response to send (server) or as received (client).

/// An HTTP response with its whole body. The server adds `Date`, `Content-Length` and `Connection` itself.
public struct HTTPResponse: Sendable, Equatable {
    public var status: Int
    /// The reason phrase; nil uses the standard one for the status.
    public var reason: String?
    public var headers: HTTPHeaders
    public var body: [UInt8]

    public init(status: Int, reason: String? = nil, headers: HTTPHeaders = [:], body: [UInt8] = []) {
        self.status = status
        self.reason = reason
        self.headers = headers
        self.body = body
    }

    /// A response with a UTF-8 text body and `Content-Type: text/plain; charset=utf-8`.
    public static func text(_ status: Int, _ text: String, headers: HTTPHeaders = [:]) -> HTTPResponse {
        var all = headers
        if !all.contains("Content-Type") { all.add("Content-Type", "text/plain; charset=utf-8") }
        return HTTPResponse(status: status, headers: all, body: Array(text.utf8))
    }

    /// A response with an already-encoded JSON body and `Content-Type: application/json`.
    public static func json(_ status: Int, _ body: [UInt8], headers: HTTPHeaders = [:]) -> HTTPResponse {
        var all = headers
        if !all.contains("Content-Type") { all.add("Content-Type", "application/json") }
        return HTTPResponse(status: status, headers: all, body: body)
    }

    /// The body as UTF-8 text (invalid bytes replaced).
    public var bodyText: String { String(decoding: body, as: UTF8.self) }

    /// The standard reason phrase for `status` (RFC 9110), or "Unknown".
    public static func standardReason(_ status: Int) -> String {
        switch status {
        case 100: return "Continue"
        case 101: return "Switching Protocols"
        case 200: return "OK"
        case 201: return "Created"
        case 202: return "Accepted"
        case 204: return "No Content"
        case 301: return "Moved Permanently"
        case 302: return "Found"
        case 304: return "Not Modified"
        case 400: return "Bad Request"
        case 401: return "Unauthorized"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 405: return "Method Not Allowed"
        case 408: return "Request Timeout"
        case 409: return "Conflict"
        case 411: return "Length Required"
        case 413: return "Content Too Large"
        case 414: return "URI Too Long"
        case 415: return "Unsupported Media Type"
        case 417: return "Expectation Failed"
        case 422: return "Unprocessable Content"
        case 429: return "Too Many Requests"
        case 431: return "Request Header Fields Too Large"
        case 500: return "Internal Server Error"
        case 501: return "Not Implemented"
        case 502: return "Bad Gateway"
        case 503: return "Service Unavailable"
        case 504: return "Gateway Timeout"
        case 505: return "HTTP Version Not Supported"
        default: return "Unknown"
        }
    }

    /// Whether a response with this status to this method carries no body on the wire (RFC 9112 §6.3).
    static func hasNoBody(status: Int, requestMethod: String) -> Bool {
        requestMethod == "HEAD" || (100..<200).contains(status) || status == 204 || status == 304
    }
}
