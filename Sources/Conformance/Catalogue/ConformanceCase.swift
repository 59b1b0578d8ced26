// One conformance case: a stable identity, the rule it checks, and the steps that judge a target.

/// A check of one contract rule against a target. Adding a case is adding one value to an area's list.
public struct ConformanceCase: Sendable {
    /// Stable id, `area.rule-part.variant` (`execute.required.one-missing`); never reused for another meaning.
    public var id: String
    /// One line a reader understands without the contract at hand.
    public var title: String
    /// The contract rule the case checks; its level, source and capability come from the contract.
    public var rule: String
    /// The dialects the case applies to (the rule's source decides: Feather-only fields have no OneInbox form).
    public var dialects: Set<TargetDialect>
    /// A capability the case needs beyond the rule's own (`revisions` for a revision case of a core rule).
    public var capability: Capability?
    /// The longest a correct target makes this case wait (a configured timeout, backoff delays), in seconds.
    /// The runner starts the longest waits first; the report states the largest as the run's floor.
    public var wait: Double
    /// The steps: drive the target through `CaseContext`, and throw `CaseFailure` (via `expect`) when it misbehaves.
    public var run: @Sendable (CaseContext) async throws -> Void

    public init(_ id: String, _ title: String, rule: String, dialects: Set<TargetDialect> = Set(TargetDialect.allCases),
                capability: Capability? = nil, wait: Double = 0,
                run: @escaping @Sendable (CaseContext) async throws -> Void) {
        self.id = id
        self.title = title
        self.rule = rule
        self.dialects = dialects
        self.capability = capability
        self.wait = wait
        self.run = run
    }

    /// The first segment of the id.
    public var area: String { String(id.prefix { $0 != "." }) }
}
