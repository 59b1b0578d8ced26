// One conformance case: a stable identity, the rule it checks, and the steps that judge a target.
import ToolContract

/// A check of one contract rule against a target. Adding a case is adding one value to an area's list.
public struct ConformanceCase: Sendable {
    /// Stable id, `area.rule-part.variant` (`execute.required.one-missing`); never reused for another meaning.
    public var id: String
    /// One line a reader understands without the contract at hand.
    public var title: String
    /// The contract rule the case checks; its level, source and capability come from the contract.
    public var rule: String
    /// The dialects the case applies to (the rule's source decides: Feather-only fields have no OneInbox form).
    public var dialects: Set<Dialect>
    /// A capability the case needs beyond the rule's own (`revisions` for a revision case of a core rule).
    public var capability: Capability?
    /// The longest a correct target makes this case wait (a configured timeout, backoff delays).
    /// The runner starts the longest waits first; the report states the largest as the run's floor.
    public var wait: Duration
    /// About how many requests to the target the case makes one after another (its critical path in round trips).
    /// With the target's round trip it tells how long the case takes against a far target, so the runner starts such
    /// cases early too.
    public var roundTrips: Int
    /// The steps: drive the target through `CaseContext`, and throw `CaseFailure` (via `expect`) when it misbehaves.
    public var run: @Sendable (CaseContext) async throws -> Void

    public init(_ id: String, _ title: String, rule: String, dialects: Set<Dialect> = Set(Dialect.allCases),
                capability: Capability? = nil, wait: Duration = .zero, roundTrips: Int = 4,
                run: @escaping @Sendable (CaseContext) async throws -> Void) {
        self.id = id
        self.title = title
        self.rule = rule
        self.dialects = dialects
        self.capability = capability
        self.wait = wait
        self.roundTrips = roundTrips
        self.run = run
    }

    /// How long a correct target at `roundTripMs` keeps this case busy at least: its wait plus its round trips.
    public func criticalPath(roundTripMs: Double) -> Duration { wait + .milliseconds(Double(roundTrips) * roundTripMs) }

    /// The first segment of the id.
    public var area: String { String(id.prefix { $0 != "." }) }
}
