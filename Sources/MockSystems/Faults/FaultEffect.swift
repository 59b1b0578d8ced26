// What the engine does to one request instead of answering normally: the outcome of a fault decision.
import HTTPWire

/// A concrete misbehaviour for one request (what a rule's `FaultRule.Action` comes to for that request).
public enum FaultEffect: Sendable, Equatable {
    /// Answer with this status, headers and body instead of the route's answer.
    case respond(status: Int, headers: HTTPHeaders, body: [UInt8])
    /// Reset the connection (RST) without answering.
    case reset
    /// Close the connection (FIN) without answering.
    case close
    /// Send these bytes, which are not an HTTP response, then close.
    case garbage([UInt8])
    /// Send the first `bytes` bytes of the normal answer, then end as `then` says.
    case partial(bytes: Int, then: ConnectionFault.Ending)
    /// Send the normal answer `chunkBytes` at a time, spread over `duration`.
    case dribble(duration: Duration, chunkBytes: Int)

    /// A short phrase for journal entries, e.g. `status 503`, `reset`, `partial (10 bytes) then stall`.
    public var summary: String {
        switch self {
        case let .respond(status, _, _): return "status \(status)"
        case .reset: return "reset"
        case .close: return "close"
        case let .garbage(bytes): return "garbage (\(bytes.count) bytes)"
        case let .partial(bytes, ending): return "partial (\(bytes) bytes) then \(FaultRule.name(of: ending))"
        case let .dribble(duration, chunkBytes): return "dribble over \(Int(duration.inMilliseconds)) ms in \(chunkBytes)-byte chunks"
        }
    }
}

/// What a fault script decided for one request: which rule, how long to wait, and what to do then.
public struct FaultDecision: Sendable, Equatable, CustomStringConvertible {
    /// The rule that applied.
    public var ruleID: String
    /// Wait this long before acting (or answering normally).
    public var delay: Duration
    /// What to do after the delay; nil answers normally.
    public var effect: FaultEffect?
    /// The request's 1-based position among those the rule's match applied to.
    public var position: Int
    /// Where the request stands in the rule's scope, e.g. `2 of 2`, `request 7`.
    public var progress: String

    /// For journal entries, e.g. `rule r1: status 503 (2 of 2)` or `rule r2: delay 150 ms, then normal answer (request 4)`.
    public func describe() -> String {
        let delay = delay > .zero ? "delay \(Int(delay.inMilliseconds)) ms, then " : ""
        return "rule \(ruleID): \(delay)\(effect?.summary ?? "normal answer") (\(progress))"
    }

    public var description: String { describe() }
}
