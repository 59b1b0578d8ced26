// How one case ended.

/// The verdict on one case.
public enum CaseOutcome: String, Sendable, CaseIterable {
    /// The target did what the rule asks.
    case pass
    /// A MUST rule was broken.
    case fail
    /// A SHOULD rule was broken: reported, never fails the run.
    case nonStrict = "non-strict"
    /// Not run: the capability is not declared, or the dialect has no such feature (the result says which).
    case skipped
    /// The case could not be judged: the target was unreachable, answered garbage, hung, or setup failed.
    case error
}
