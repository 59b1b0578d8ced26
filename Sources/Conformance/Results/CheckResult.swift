// One expectation a case checked: reports list every one, not only the first that failed.

/// An expectation a case checked against the target, with the rule it belongs to and whether it held.
public struct CheckResult: Sendable, Equatable {
    /// The contract rule the expectation checks (usually the case's own; a case may check another rule on its way).
    public var rule: String
    /// What the contract asks, in words.
    public var expectation: String
    /// What happened instead; nil when the expectation held.
    public var observed: String?

    public init(rule: String, expectation: String, observed: String? = nil) {
        self.rule = rule
        self.expectation = expectation
        self.observed = observed
    }

    public var passed: Bool { observed == nil }
}
