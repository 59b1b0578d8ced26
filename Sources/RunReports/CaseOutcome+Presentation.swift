// How reports name and mark each outcome for people.
import Conformance

extension CaseOutcome {
    /// A symbol for headings and tables (✅ ❌ ⚠️ ⏭️ 💥).
    var symbol: String {
        switch self {
        case .pass: return "✅"
        case .fail: return "❌"
        case .nonStrict: return "⚠️"
        case .skipped: return "⏭️"
        case .error: return "💥"
        }
    }
}

extension CaseResult {
    /// The outcome as reports label it: `fail`, or `fail (baselined)`.
    var outcomeLabel: String { outcome.rawValue + (baselined ? " (baselined)" : "") }

    /// Whether the report shows the case's evidence and message in detail: failures, errors and non-strict results.
    var needsDetail: Bool { outcome == .fail || outcome == .error || outcome == .nonStrict }

    /// Whether the case fails the run: a failure or error not covered by the baseline.
    var blocks: Bool { (outcome == .fail || outcome == .error) && !baselined }
}

extension RunSummary {
    /// The count for one outcome.
    func count(_ outcome: CaseOutcome) -> Int {
        switch outcome {
        case .pass: return passed
        case .fail: return failed
        case .nonStrict: return nonStrict
        case .skipped: return skipped
        case .error: return errored
        }
    }
}
