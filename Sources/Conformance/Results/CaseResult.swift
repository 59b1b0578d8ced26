// One case's result in a run.

/// A case's identity, verdict, timing and (unless it passed) the evidence.
public struct CaseResult: Sendable, Equatable {
    /// The case's stable id (`lifecycle.create.minimal`).
    public var id: String
    public var title: String
    /// The first segment of the id (`lifecycle`); JUnit's classname.
    public var area: String
    /// The contract rule the case checks (`lifecycle.create`).
    public var rule: String
    public var level: RuleLevel
    /// Where the rule comes from: `F` Feather, `O` OneInbox, `H` handbook, `X` Understudy extension (space separated).
    public var source: String
    /// The capability the case needs, if any.
    public var capability: String?
    public var outcome: CaseOutcome
    /// A failure or error listed in the baseline file: reported, but it does not fail the run.
    public var baselined: Bool
    /// Wall time of the case in milliseconds.
    public var durationMs: Double
    /// One line: why it failed, errored or was skipped; nil on pass.
    public var message: String?
    /// What the case saw; nil on pass and skip.
    public var evidence: Evidence?
    /// Ids of tools the case created that are still on the target: not deleted (`--keep-tools`), or the delete failed.
    public var leftoverTools: [String]
    /// Every expectation the case checked, in the order first checked, each once; failed ones say what happened.
    public var checks: [CheckResult]

    public init(id: String, title: String, area: String, rule: String, level: RuleLevel, source: String,
                capability: String?, outcome: CaseOutcome, baselined: Bool = false, durationMs: Double,
                message: String? = nil, evidence: Evidence? = nil, leftoverTools: [String] = [],
                checks: [CheckResult] = []) {
        self.id = id
        self.title = title
        self.area = area
        self.rule = rule
        self.level = level
        self.source = source
        self.capability = capability
        self.outcome = outcome
        self.baselined = baselined
        self.durationMs = durationMs
        self.message = message
        self.evidence = evidence
        self.leftoverTools = leftoverTools
        self.checks = checks
    }
}

extension CaseResult {
    /// The expectations that did not hold.
    public var failedChecks: [CheckResult] { checks.filter { !$0.passed } }
}
