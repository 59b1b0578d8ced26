// Which browser origins may call a mock (`--cors`): preflight answers and the headers added to every answer.
import HTTPWire

/// The origins allowed to call a mock from a browser page, per the Fetch standard's CORS protocol. Off unless given.
public struct CORSPolicy: Sendable, Equatable {
    /// `nil`: any origin (`*`); else these exact origins (`https://app.example.com`, `http://localhost:3000`).
    public let origins: [String]?

    /// Headers a page's script may read besides the CORS-safelisted ones.
    static let exposedHeaders = "Location, Retry-After, WWW-Authenticate, X-Journal-Recorded, X-Journal-Retained, X-Journal-Overflow"
    /// How long a browser may cache a preflight answer, in seconds.
    static let maxAgeSeconds = 600

    /// Reads `*` or a comma-separated list of origins (`scheme://host[:port]`, no path).
    /// - Throws: a one-line reason naming the entry that is not an origin.
    public init(parsing text: String) throws(CORSPolicyError) {
        let items = text.split(separator: ",", omittingEmptySubsequences: false).map { String($0.trimmingWhitespace()) }
        if items == ["*"] {
            origins = nil
            return
        }
        for item in items {
            guard item != "*" else { throw CORSPolicyError(reason: "'*' allows every origin and cannot be combined with a list") }
            guard Self.isOrigin(item) else {
                throw CORSPolicyError(reason: "'\(item)' is not an origin; write scheme://host[:port] with no path, e.g. http://localhost:3000")
            }
        }
        origins = items
    }

    /// `http(s)://host[:port]` with nothing after the authority.
    static func isOrigin(_ text: String) -> Bool {
        guard let separator = text.range(of: "://") else { return false }
        let scheme = text[..<separator.lowerBound].lowercased(), authority = text[separator.upperBound...]
        guard scheme == "http" || scheme == "https", !authority.isEmpty else { return false }
        return !authority.contains { "/?#@ ".contains($0) }
    }

    /// Whether a page from `origin` may read answers.
    public func allows(_ origin: String) -> Bool { origins?.contains(origin) ?? true }

    /// The headers every answer to `origin` carries, or nil when the origin is not allowed (the browser then
    /// withholds the answer from the page).
    func answerHeaders(origin: String) -> HTTPHeaders? {
        guard allows(origin) else { return nil }
        var headers: HTTPHeaders = ["Access-Control-Allow-Origin": origins == nil ? "*" : origin,
                                    "Access-Control-Expose-Headers": Self.exposedHeaders]
        if origins != nil { headers.add("Vary", "Origin") }
        return headers
    }

    /// Whether `request` is a CORS preflight: `OPTIONS` with `Origin` and `Access-Control-Request-Method`.
    static func isPreflight(_ request: HTTPRequest) -> Bool {
        request.method == "OPTIONS" && request.headers.contains("Origin") && request.headers.contains("Access-Control-Request-Method")
    }

    /// The answer to a preflight: 204 allowing `methods` and the headers asked for, or 403 saying which origins are
    /// allowed.
    func preflightAnswer(_ request: HTTPRequest, methods: [String]) -> HTTPResponse {
        let origin = request.headers["Origin"] ?? ""
        guard var headers = answerHeaders(origin: origin) else {
            let allowed = (origins ?? []).joined(separator: ", ")
            return MockSystem.error(403, "cors_origin_not_allowed", "origin '\(origin)' may not call this mock; --cors allows: \(allowed)")
        }
        headers.add("Access-Control-Allow-Methods", methods.joined(separator: ", "))
        if let requested = request.headers["Access-Control-Request-Headers"], !requested.isEmpty {
            headers.add("Access-Control-Allow-Headers", requested)
        }
        headers.add("Access-Control-Max-Age", String(Self.maxAgeSeconds))
        headers.set("Vary", "Origin, Access-Control-Request-Method, Access-Control-Request-Headers")
        return HTTPResponse(status: 204, headers: headers)
    }
}

/// Why a `--cors` value was refused.
public struct CORSPolicyError: Error, CustomStringConvertible {
    public var reason: String
    public var description: String { reason }
}
