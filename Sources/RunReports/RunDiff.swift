// What changed between two runs, case by case: the pure core of `understudy report diff` and `run --compare-to`.
import Conformance
import Foundation

/// Two runs compared: every case matched by id and put in one class of change. Pure: no I/O.
///
/// The runs may come from different suite versions and dialects; a case present in only one run is added or removed.
/// Strings taken from the reports are kept on one line and cut to named lengths, so every rendering stays bounded.
public struct RunDiff: Sendable, Equatable {
    /// Longest reason kept per case, in characters; a longer message is cut and ends with `…`.
    public static let reasonMaxCharacters = 240
    /// Longest title kept per case, in characters; a longer title is cut and ends with `…`.
    public static let titleMaxCharacters = 160

    /// The earlier run (`OLD.json`, `--compare-to`).
    public var old: RunDiff.Run
    /// The later run.
    public var new: RunDiff.Run
    /// Every case whose result changed, and every case failing in both runs: the later run's order, then removed
    /// cases in the earlier run's order. Cases with the same outcome in both runs (other than failing) are only counted.
    public var entries: [RunDiff.Entry]
    /// Cases in both runs with the same outcome, neither failed nor errored.
    public var unchanged: Int

    /// Compares `old` with `new`, matching cases by id (the first of a duplicated id counts).
    public init(old: RunReport, new: RunReport) {
        self.old = Run(old)
        self.new = Run(new)
        let oldByID = Dictionary(old.results.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let newIDs = Set(new.results.map(\.id))
        var entries: [Entry] = []
        var unchanged = 0
        var seen = Set<String>()
        for result in new.results where seen.insert(result.id).inserted {
            let before = oldByID[result.id]
            guard let change = Change(old: before?.outcome, new: result.outcome) else { unchanged += 1; continue }
            entries.append(Entry(change: change, old: before, new: result))
        }
        var seenRemoved = Set<String>()
        for result in old.results where !newIDs.contains(result.id) && seenRemoved.insert(result.id).inserted {
            entries.append(Entry(change: .removed, old: result, new: nil))
        }
        self.entries = entries
        self.unchanged = unchanged
    }

    /// Whether something regressed: a case is newly failing. `understudy report diff` exits 1 exactly then.
    public var regressed: Bool { entries.contains { $0.change == .newlyFailing } }

    /// The entries of one class of change, in order.
    public func entries(_ change: Change) -> [Entry] { entries.filter { $0.change == change } }

    /// How many cases fall in `change`.
    public func count(_ change: Change) -> Int { entries.lazy.filter { $0.change == change }.count }

    /// How the two runs differ besides their cases (`suite version 0.8.0 → 0.9.0`, `dialect feather → oneinbox`,
    /// `target A → B`), plain text; empty when they agree.
    public var runDifferences: [String] {
        [("suite version", old.suiteVersion, new.suiteVersion), ("dialect", old.dialect, new.dialect),
         ("target", old.targetLabel, new.targetLabel)]
            .filter { $0.1 != $0.2 }.map { "\($0.0) \($0.1) → \($0.2)" }
    }
}

extension RunDiff {
    /// How one case's result moved between the runs. Failing means the outcome `fail` or `error`, baselined or not.
    public enum Change: String, Sendable, CaseIterable {
        /// Failing now, and not before: it passed, was skipped or non-strict, or is new to the suite. A regression.
        case newlyFailing = "newly-failing"
        /// Failing before, passing now.
        case newlyPassing = "newly-passing"
        /// Failing in both runs (`fail` and `error` alike).
        case stillFailing = "still-failing"
        /// Only in the later run, and not failing there (an added case that fails is newly failing).
        case added
        /// Only in the earlier run; whatever its outcome was, never a regression.
        case removed
        /// Any other change of outcome: `pass` → `non-strict`, `pass` → `skipped`, `fail` → `skipped`, `skipped` → `pass`.
        case changed

        /// The heading of this class in reports: `Newly failing`.
        public var heading: String {
            switch self {
            case .newlyFailing: return "Newly failing"
            case .newlyPassing: return "Newly passing"
            case .stillFailing: return "Still failing"
            case .added: return "Added"
            case .removed: return "Removed"
            case .changed: return "Other changes"
            }
        }

        /// The class of a case with outcome `old` before and `new` after (nil when absent from that run); nil when the
        /// outcome is the same and not failing, which is no change at all.
        public init?(old: CaseOutcome?, new: CaseOutcome?) {
            switch (old, new) {
            case (nil, nil): return nil
            case (_?, nil): self = .removed
            case let (nil, new?): self = new.isFailing ? .newlyFailing : .added
            case let (old?, new?):
                switch (old.isFailing, new.isFailing) {
                case (false, true): self = .newlyFailing
                case (true, true): self = .stillFailing
                case (true, false): self = new == .pass ? .newlyPassing : .changed
                case (false, false):
                    guard old != new else { return nil }
                    self = .changed
                }
            }
        }
    }

    /// One run as the diff names it; its strings on one line, at most `titleMaxCharacters` each.
    public struct Run: Sendable, Equatable {
        public var suiteVersion: String
        public var dialect: String
        public var targetLabel: String
        public var startedAt: Date
        public var certified: Bool
        /// How many cases the run has.
        public var cases: Int

        init(_ report: RunReport) {
            suiteVersion = report.suiteVersion.diffLine(max: RunDiff.titleMaxCharacters)
            dialect = report.dialect.diffLine(max: RunDiff.titleMaxCharacters)
            targetLabel = report.targetLabel.diffLine(max: RunDiff.titleMaxCharacters)
            startedAt = report.startedAt
            certified = report.certified
            cases = report.results.count
        }
    }

    /// A case's result on one side of the diff.
    public struct Side: Sendable, Equatable {
        public var outcome: CaseOutcome
        /// Listed in that run's baseline: noted, but the case counts by its outcome.
        public var baselined: Bool

        /// `fail`, or `fail (baselined)`.
        public var label: String { outcome.rawValue + (baselined ? " (baselined)" : "") }
    }

    /// One case that changed (or failed in both runs).
    public struct Entry: Sendable, Equatable {
        public var id: String
        /// The later run's title (the earlier run's for a removed case), on one line, at most `titleMaxCharacters`.
        public var title: String
        /// The rule's level in the later run (the earlier run's for a removed case).
        public var level: RuleLevel
        public var change: Change
        /// nil for an added case.
        public var old: Side?
        /// nil for a removed case.
        public var new: Side?
        /// Why, in one line of at most `reasonMaxCharacters`: the later run's message, or the earlier run's for a case
        /// newly passing or removed; nil when that run gave none.
        public var reason: String?

        init(change: Change, old: CaseResult?, new: CaseResult?) {
            let shown = new ?? old
            id = shown?.id ?? ""
            title = (shown?.title ?? "").diffLine(max: RunDiff.titleMaxCharacters)
            level = shown?.level ?? .must
            self.change = change
            self.old = old.map { Side(outcome: $0.outcome, baselined: $0.baselined) }
            self.new = new.map { Side(outcome: $0.outcome, baselined: $0.baselined) }
            let explaining = change == .newlyPassing || change == .removed ? old : new
            reason = explaining?.message.map { $0.diffLine(max: RunDiff.reasonMaxCharacters) }
        }

        /// `pass → fail`, `added: fail`, `removed: pass`.
        public var transition: String {
            switch (old, new) {
            case let (old?, new?): return "\(old.label) → \(new.label)"
            case let (nil, new?): return "added: \(new.label)"
            case let (old?, nil): return "removed: \(old.label)"
            case (nil, nil): return ""
            }
        }
    }
}

extension CaseOutcome {
    /// `fail` or `error`: what a pipeline gating on "no new failures" counts.
    var isFailing: Bool { self == .fail || self == .error }
}

extension String {
    /// The text on one line (line breaks and tabs as spaces, controls dropped), cut to `max` Unicode scalars, the last `…`.
    func diffLine(max: Int) -> String {
        let flat = withoutControlCharacters.replacingOccurrences(of: "\r\n", with: " ")
            .replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " ")
            .replacingOccurrences(of: "\t", with: " ")
        // Counted in Unicode scalars, as JSON Schema's maxLength counts.
        guard flat.unicodeScalars.count > max else { return flat }
        return String(String.UnicodeScalarView(flat.unicodeScalars.prefix(max - 1))) + "…"
    }
}
