// The MUST score of a run or of one area of it: MUST cases passed out of MUST cases run, for comparisons and badges.
import Conformance

/// MUST cases passed out of MUST cases run. A case runs unless it was skipped; a baselined failure counts as run and
/// not passed (the score says what the target does, the verdict what the run accepts).
public struct MustScore: Sendable, Equatable {
    /// MUST cases that passed.
    public var passed: Int
    /// MUST cases that ran: passed, failed, errored (skipped ones did not run).
    public var run: Int

    /// A score of `passed` out of `run`.
    public init(passed: Int, run: Int) {
        self.passed = passed
        self.run = run
    }

    /// The score of `results`.
    public init<Results: Sequence>(_ results: Results) where Results.Element == CaseResult {
        let ran = results.filter { $0.level == .must && $0.outcome != .skipped }
        self.init(passed: ran.filter { $0.outcome == .pass }.count, run: ran.count)
    }

    /// `passed / run`, e.g. `10 / 12`.
    public var text: String { "\(passed) / \(run)" }
}

extension RunReport {
    /// The run's MUST score over all its cases.
    public var mustScore: MustScore { MustScore(results) }
}
