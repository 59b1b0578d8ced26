// Everything one run produced: what was run against what, each case's result, and the counts.
import Foundation

/// The result of one `understudy run`, the source of every report format.
public struct RunReport: Sendable, Equatable {
    /// The version of the report's JSON shape (`schema_version`); bumped on incompatible changes.
    public static let schemaVersion = 1

    /// The Understudy version that ran the suite.
    public var suiteVersion: String
    /// The contract's title line (`The Understudy tool server contract (draft 1)`).
    public var contract: String
    /// The target's base URL (`in-process reference server` is named by `targetLabel`).
    public var target: String
    /// What the target is, for readers (`reference tool server (in-process)` or the URL again).
    public var targetLabel: String
    public var dialect: String
    /// The declared capabilities, sorted.
    public var capabilities: [String]
    public var startedAt: Date
    /// Wall time of the whole run in milliseconds.
    public var durationMs: Double
    /// The longest wait any single selected case must make against a correct target, in milliseconds: the floor
    /// for the run's wall time (cases run concurrently).
    public var longestCaseWaitMs: Double
    /// The longest critical path of any selected case against this target, in milliseconds: its declared wait plus
    /// its sequential round trips at the measured median round trip. The floor for the run's wall time against a far
    /// target; equal to `longestCaseWaitMs` in reports of earlier suite versions.
    public var longestCriticalPathMs: Double
    /// How many cases ran at once.
    public var jobs: Int
    /// The factor applied to the runner's own deadlines and tolerances (`--timeout-scale`).
    public var timeoutScale: Double
    /// The baseline file used, if any.
    public var baselineFile: String?
    /// Baselined case ids that passed in this run: the baseline is stale and the run fails until they are removed.
    public var staleBaseline: [String]
    /// Per case, in catalogue order.
    public var results: [CaseResult]
    /// The target's round trip as the setup probe measured it (`.none` in reports of earlier suite versions).
    public var targetRoundTrip: RoundTrip

    public init(suiteVersion: String, contract: String, target: String, targetLabel: String, dialect: String,
                capabilities: [String], startedAt: Date, durationMs: Double, longestCaseWaitMs: Double, jobs: Int,
                timeoutScale: Double, baselineFile: String? = nil, staleBaseline: [String] = [], results: [CaseResult],
                targetRoundTrip: RoundTrip = .none, longestCriticalPathMs: Double? = nil) {
        self.suiteVersion = suiteVersion
        self.contract = contract
        self.target = target
        self.targetLabel = targetLabel
        self.dialect = dialect
        self.capabilities = capabilities
        self.startedAt = startedAt
        self.durationMs = durationMs
        self.longestCaseWaitMs = longestCaseWaitMs
        self.longestCriticalPathMs = longestCriticalPathMs ?? longestCaseWaitMs
        self.jobs = jobs
        self.timeoutScale = timeoutScale
        self.baselineFile = baselineFile
        self.staleBaseline = staleBaseline
        self.results = results
        self.targetRoundTrip = targetRoundTrip
    }

    /// Counts per outcome.
    public var summary: RunSummary { RunSummary(results, staleBaseline: staleBaseline.count) }

    /// Cases skipped because the target did not declare the capability they need.
    public var skippedForCapabilities: Int {
        results.filter { $0.outcome == .skipped && $0.capability.map { !capabilities.contains($0) } == true }.count
    }

    /// What the verdict covers, in words: the dialect, the capabilities declared, and how many cases were skipped for
    /// capabilities that were not (`feather, capabilities revisions, oauth2; 12 cases skipped for undeclared ones`).
    public var scope: String {
        let declared = capabilities.isEmpty ? "no optional capability declared" : "capabilities " + capabilities.joined(separator: ", ")
        let skipped = skippedForCapabilities
        return "\(dialect), \(declared)" + (skipped == 0 ? "" : "; \(skipped) \(skipped == 1 ? "case" : "cases") skipped "
            + "for capabilities not declared (--capabilities)")
    }

    /// The case that took longest (nil when none ran): a far target's run takes about that long.
    public var longestCase: CaseResult? { results.filter { $0.outcome != .skipped }.max { $0.durationMs < $1.durationMs } }

    /// Tools still on the target after the run, as `(case id, tool id)`, in case order.
    public var leftoverTools: [(caseID: String, toolID: String)] {
        results.flatMap { result in result.leftoverTools.map { (result.id, $0) } }
    }

    /// Whether the run certifies the target: no MUST case failed or errored unless baselined, and no stale baseline.
    public var certified: Bool { summary.blocking == 0 && staleBaseline.isEmpty }
}

/// Counts of a run's results.
public struct RunSummary: Sendable, Equatable {
    public var total = 0
    public var passed = 0
    public var failed = 0
    public var nonStrict = 0
    public var skipped = 0
    public var errored = 0
    /// Failures and errors listed in the baseline.
    public var baselined = 0
    /// Baselined cases that now pass.
    public var stale = 0
    /// Failures and errors not covered by the baseline: each fails the run.
    public var blocking = 0

    public init(_ results: [CaseResult], staleBaseline: Int) {
        total = results.count
        stale = staleBaseline
        for result in results {
            switch result.outcome {
            case .pass: passed += 1
            case .fail: failed += 1
            case .nonStrict: nonStrict += 1
            case .skipped: skipped += 1
            case .error: errored += 1
            }
            if result.outcome == .fail || result.outcome == .error {
                if result.baselined { baselined += 1 } else { blocking += 1 }
            }
        }
    }

    public init() {}
}
