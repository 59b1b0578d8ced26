// Why a message could not be parsed, with the status a server answers for it.

/// A malformed or over-limit message. `status` is what a server answers (400, 413, 414, 431, 501, 505)
/// before closing; `reason` says what was wrong, for the response body and for client errors.
public struct HTTPParseError: Error, Equatable, CustomStringConvertible {
    public var status: Int
    public var reason: String

    public init(_ status: Int, _ reason: String) {
        self.status = status
        self.reason = reason
    }

    public var description: String { "\(status) \(reason)" }
}
