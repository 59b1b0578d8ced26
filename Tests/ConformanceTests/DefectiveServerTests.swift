// Each deliberately defective server fails the cases of the rules it breaks, with evidence, and no MUST case of any
// other rule: the suite catches real bugs and blames the right rule.
import Conformance
import Testing

extension CatalogueRuns {
    @Suite struct DefectiveServerTests {
        @Test(arguments: Defect.allCases)
        func suite_FailsTheBrokenRules_AndNoOther(defect: Defect) async throws {
            var target = try ReferenceTarget.start(defect.dialect, configure: defect.configure)
            // Runs share two cores with the rest of the tests: double the timing margins (every defect is still far
            // outside them) so that only the defect, never the machine, fails a case.
            target.configuration.timeoutScale = 2
            let report = try await target.run()
            let findings = DefectFindings(defect: defect, report: report)

            if !findings.uncaughtRules.isEmpty {
                Issue.record("\(defect.rawValue) escaped: \(findings.uncaughtDescription)")
            }
            if !findings.unrelatedFailures.isEmpty {
                Issue.record("\(defect.rawValue) failed MUST cases of rules it does not break:\(DefectFindings.describe(findings.unrelatedFailures))")
            }
            let bare = findings.catches.filter { !DefectFindings.hasEvidence($0) }
            if !bare.isEmpty { Issue.record("\(defect.rawValue): failing cases without evidence:\(DefectFindings.describe(bare))") }
        }
    }
}

/// What one defective server's run shows, judged against the defect's expectations.
struct DefectFindings {
    let defect: Defect
    let report: RunReport

    /// Cases of a broken rule that caught the defect (fail for MUST, non-strict for SHOULD).
    var catches: [CaseResult] {
        report.results.filter { defect.breaks.contains($0.rule) && $0.outcome == Self.caught($0.level) }
    }

    /// Broken rules none of whose cases caught the defect, sorted.
    var uncaughtRules: [String] {
        defect.breaks.filter { rule in !catches.contains { $0.rule == rule } }.sorted()
    }

    /// MUST cases of rules the defect does not touch that failed or errored.
    var unrelatedFailures: [CaseResult] {
        let tolerated = defect.breaks.union(defect.alsoNoticedBy)
        return report.results.filter {
            $0.level == .must && !tolerated.contains($0.rule) && ($0.outcome == .fail || $0.outcome == .error)
        }
    }

    /// Per uncaught rule, what its cases did instead (or that it has no case yet).
    var uncaughtDescription: String {
        uncaughtRules.map { rule in
            let cases = report.results.filter { $0.rule == rule }
            guard !cases.isEmpty else { return "\(rule): no case in the catalogue" }
            return "\(rule): " + cases.map { "\($0.id) \($0.outcome.rawValue)" }.joined(separator: ", ")
        }.joined(separator: "; ")
    }

    static func caught(_ level: RuleLevel) -> CaseOutcome { level == .must ? .fail : .nonStrict }

    /// Whether a failing case says what it expected, what it saw, and shows an exchange behind it.
    static func hasEvidence(_ result: CaseResult) -> Bool {
        guard let evidence = result.evidence else { return false }
        return !evidence.expectation.isEmpty && !evidence.observed.isEmpty
            && !(evidence.exchanges.isEmpty && evidence.mockRequests.isEmpty)
    }

    static func describe(_ results: [CaseResult]) -> String {
        results.map { "\n  \($0.id) [\($0.rule)] \($0.outcome.rawValue): \($0.message ?? "")" }.joined()
    }
}
