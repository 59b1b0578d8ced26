// One fault rule: which requests, which of them, how long to wait, and what to do instead of answering normally.
import JSONModel
import HTTPWire

/// A rule in a `FaultScript`, usually read from JSON (`init(json:)`) and written back with `json`.
public struct FaultRule: Sendable, Equatable {
    /// Longest delay (`delay_ms`) and dribble (`duration_ms`) a rule may ask for: 10 minutes.
    public static let maxMilliseconds = 600_000

    /// What a rule does once its delay has passed.
    public enum Action: Sendable, Equatable {
        /// Answer with this status, headers and body. A string body is sent as text; any other JSON as JSON.
        case respond(status: Int, headers: HTTPHeaders, body: JSONValue?)
        /// The k-th time the rule acts it answers `statuses[k-1]` with an empty body; then it is exhausted.
        case statusSequence([Int])
        /// Reset the connection (RST) without answering.
        case reset
        /// Close the connection (FIN) without answering.
        case close
        /// Send bytes that are not an HTTP response, then close.
        case garbage([UInt8])
        /// Send the first `bytes` bytes of the normal answer, then end as `then` says.
        case partial(bytes: Int, then: ConnectionFault.Ending)
        /// Send the normal answer `chunkBytes` at a time, spread over `durationMilliseconds`.
        case dribble(durationMilliseconds: Int, chunkBytes: Int)
    }

    /// Bytes sent by a `garbage` action that gives none.
    public static let defaultGarbage = Array("\u{00}\u{FF}GARBAGE: this is not an HTTP response\r\n\r\n".utf8)

    /// Unique within a script; derived from the rule's content when not given.
    public var id: String
    public var match: FaultMatch
    public var scope: FaultScope
    /// Wait before acting; nil for none.
    public var delay: FaultDelay?
    /// What to do; nil answers normally (after `delay`).
    public var action: Action?

    /// A rule from its parts. Without an `id`, one is derived from the content (`f` + 8 hex digits), so that the
    /// same rule gets the same id on every run.
    public init(id: String? = nil, match: FaultMatch = FaultMatch(), scope: FaultScope = .every,
                delay: FaultDelay? = nil, action: Action? = nil) {
        self.id = id ?? ""
        self.match = match
        self.scope = scope
        self.delay = delay
        self.action = action
        if id == nil { self.id = "f" + String(hexString(SHA256.hash(json.encoded())).prefix(8)) }
    }
}
