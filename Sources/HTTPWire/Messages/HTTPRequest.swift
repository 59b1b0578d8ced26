// A complete HTTP request as the server received it, stamped on arrival.
import Foundation

/// The protocol version of a message.
public enum HTTPVersion: String, Sendable, Equatable {
    case http1_0 = "HTTP/1.0"
    case http1_1 = "HTTP/1.1"
}

/// When a request arrived: both clocks, read once its head was complete and before any handler ran.
public struct ArrivalStamp: Sendable, Equatable {
    /// Wall-clock time, for people and logs.
    public var wall: Date
    /// Monotonic nanoseconds (`MonotonicClock`), for measuring intervals between requests.
    public var monotonicNanoseconds: UInt64

    public init(wall: Date, monotonicNanoseconds: UInt64) {
        self.wall = wall
        self.monotonicNanoseconds = monotonicNanoseconds
    }

    /// Reads both clocks now.
    public static func now() -> ArrivalStamp { ArrivalStamp(wall: Date(), monotonicNanoseconds: MonotonicClock.now()) }
}

/// An HTTP request with its whole body.
public struct HTTPRequest: Sendable {
    public var method: String
    /// The request-target exactly as sent, e.g. `/callbacks?x=1`.
    public var target: String {
        didSet { (path, query) = Self.split(target) }
    }
    /// The target's path, without the query (still percent-encoded).
    public private(set) var path: Substring
    /// The raw query after `?`, or nil.
    public private(set) var query: Substring?
    public var version: HTTPVersion
    public var headers: HTTPHeaders
    public var body: [UInt8]
    /// When the request arrived (set by the server; `now()` for requests built by hand).
    public var arrival: ArrivalStamp
    /// The peer's address, e.g. `127.0.0.1:53122` (empty for requests built by hand).
    public var peer: String

    public init(method: String, target: String, version: HTTPVersion = .http1_1, headers: HTTPHeaders = [:],
                body: [UInt8] = [], arrival: ArrivalStamp = .now(), peer: String = "") {
        self.method = method
        self.target = target
        (path, query) = Self.split(target)
        self.version = version
        self.headers = headers
        self.body = body
        self.arrival = arrival
        self.peer = peer
    }

    private static func split(_ target: String) -> (Substring, Substring?) {
        guard let mark = target.utf8.firstIndex(of: UInt8(ascii: "?")) else { return (Substring(target), nil) }
        return (target[..<mark], target[target.index(after: mark)...])
    }

    /// The query's `name=value` pairs, percent- and `+`-decoded, in order.
    public var queryItems: [(name: String, value: String)] {
        guard let query else { return [] }
        return query.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let decode = { (part: Substring) in
                String(part).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(part)
            }
            return (decode(parts[0]), parts.count > 1 ? decode(parts[1]) : "")
        }
    }

    /// The first query value for `name`, decoded.
    public func queryValue(_ name: String) -> String? { queryItems.first { $0.name == name }?.value }

    /// The body as UTF-8 text (invalid bytes replaced).
    public var bodyText: String { String(decoding: body, as: UTF8.self) }

    /// Whether the connection stays open after this request, by RFC 9112 §9.3: HTTP/1.1 unless
    /// `Connection: close`; HTTP/1.0 only with `Connection: keep-alive`.
    public var keepAlive: Bool {
        switch version {
        case .http1_1: return !headers.hasToken("close", in: "Connection")
        case .http1_0: return headers.hasToken("keep-alive", in: "Connection") && !headers.hasToken("close", in: "Connection")
        }
    }
}
