// The run as Markdown (`summary.md`), for pull requests and `$GITHUB_STEP_SUMMARY`.
import Conformance
import JSONModel

extension RunReport {
    /// Largest Markdown report, in UTF-8 bytes: GitHub refuses a step summary over 1 MiB. Case details that would pass
    /// it are left out, and one line says so and points to the HTML and JSON reports, which always hold everything.
    public static let markdownMaxBytes = 900 * 1024

    /// The run as Markdown: a certified / not certified heading, outcome counts, then the cases that did not pass
    /// grouped by rule (blocking rules first), each with its one-line reason and its evidence folded in `<details>`,
    /// the skipped cases in one line, and the run's metadata. Every report string is escaped, so nothing in it renders
    /// as markup.
    public var markdown: String { markdown(maxBytes: Self.markdownMaxBytes) }

    /// The Markdown report, leaving out evidence beyond `maxBytes` (see `markdownMaxBytes`): every case that did not
    /// pass keeps its heading and reason; evidence is added in report order while it fits.
    public func markdown(maxBytes: Int) -> String {
        let groups = markdownRuleGroups
        let skipped = markdownSkipped.map { "\n\n" + $0 } ?? ""
        let head = [markdownHeading, markdownSummary].joined(separator: "\n\n")
        let tail = skipped + "\n\n" + markdownMetadata + "\n"
        let cases = groups.flatMap(\.results)
        guard !cases.isEmpty else {
            let none = results.isEmpty ? "No cases were selected." : "Every case passed."
            return head + "\n\n## Cases not passing\n\n" + none + tail
        }
        let omissionNote = 200
        var budget = maxBytes - head.utf8.count - tail.utf8.count - omissionNote
            - groups.reduce(0) { $0 + $1.heading.utf8.count + 2 } - cases.reduce(0) { $0 + $1.markdownHeadline.utf8.count + 2 }
        var omitted = 0
        var text = head + "\n\n## Cases not passing, by rule\n\nEvidence is folded under each case; `report.html` and "
            + "`run.json` hold all of it."
        for group in groups {
            text += "\n\n" + group.heading
            for result in group.results {
                text += "\n\n" + result.markdownHeadline
                let evidence = result.markdownEvidence
                if evidence.utf8.count + 2 <= budget {
                    text += "\n\n" + evidence
                    budget -= evidence.utf8.count + 2
                } else {
                    omitted += 1
                }
            }
        }
        if omitted > 0 {
            text += "\n\n_The evidence of \(omitted) case\(omitted == 1 ? " is" : "s are") left out to keep this summary under "
                + "\(maxBytes / 1024) KiB; report.html and run.json hold it all._"
        }
        return text + tail
    }

    /// The cases that did not pass (failures, errors, non-strict results), grouped by rule in report order, groups with
    /// a blocking case first.
    private var markdownRuleGroups: [(heading: String, results: [CaseResult])] {
        var order: [String] = []
        var byRule: [String: [CaseResult]] = [:]
        for result in results where result.needsDetail {
            if byRule[result.rule] == nil { order.append(result.rule) }
            byRule[result.rule, default: []].append(result)
        }
        let blocking = { (rule: String) in byRule[rule]?.contains { $0.blocks } == true }
        let sorted = order.filter(blocking) + order.filter { !blocking($0) }
        return sorted.map { rule in
            let cases = byRule[rule] ?? []
            let total = results.filter { $0.rule == rule }.count
            let symbol = cases.contains(where: \.blocks) ? CaseOutcome.fail.symbol : cases[0].outcome.symbol
            let heading = "### \(symbol) Rule \(rule.markdownCode) · \(cases[0].level.rawValue) · "
                + "\(cases.count) of \(total) case\(total == 1 ? "" : "s") not passing"
            return (heading, cases)
        }
    }

    /// One line naming the skipped cases, or nil when none was skipped.
    private var markdownSkipped: String? {
        let skipped = results.filter { $0.outcome == .skipped }
        guard !skipped.isEmpty else { return nil }
        return "## Skipped (\(skipped.count))\n\n" + skipped.map { result in
            result.id.markdownCode + (result.message.map { " (" + $0.markdownText + ")" } ?? "")
        }.joined(separator: ", ").markdownSingleLine
    }

    private var markdownHeading: String {
        let verdict = certified ? "✅ Certified" : "❌ Not certified"
        return "# \(verdict): \(targetLabel.markdownText.markdownSingleLine)\n\n"
            + "Understudy \(suiteVersion.markdownText) conformance run, dialect \(dialect.markdownCode): "
            + "\(summary.total.counted("case")), \(summary.blocking) blocking. Covers: \(scope.markdownText)."
    }

    private var markdownSummary: String {
        let summary = self.summary
        var rows = ["| Outcome | Cases |", "| --- | ---: |"]
        for outcome in CaseOutcome.allCases {
            rows.append("| \(outcome.symbol) \(outcome.rawValue) | \(summary.count(outcome)) |")
        }
        rows.append("| **total** | **\(summary.total)** |")
        rows.append("| baselined (accepted failures) | \(summary.baselined) |")
        rows.append("| stale baseline entries | \(summary.stale) |")
        rows.append("| blocking | \(summary.blocking) |")
        rows.append("| tools left on the target | \(leftoverTools.count) |")
        return rows.joined(separator: "\n")
    }

    private var markdownMetadata: String {
        var wait = "**Duration:** \(durationMs.durationText); longest case critical path \(longestCriticalPathMs.durationText) "
            + "(wait \(longestCaseWaitMs.durationText) plus round trips)"
        if let wallTimeRatio { wait += ", which the run took \(wallTimeRatio.ratioText)" }
        let capabilityList = capabilities.isEmpty ? "none" : capabilities.map(\.markdownCode).joined(separator: ", ")
        var baseline = "**Baseline:** " + (baselineFile.map(\.markdownCode) ?? "none")
        if !staleBaseline.isEmpty {
            baseline += "; **stale entries:** " + staleBaseline.map(\.markdownCode).joined(separator: ", ")
        }
        var targetLine = "**Target:** " + targetLabel.markdownText
        if targetLabel != target { targetLine += " (" + target.markdownCode + ")" }
        let lines: [String] = [
            targetLine,
            "**Dialect:** " + dialect.markdownCode,
            "**Capabilities:** " + capabilityList,
            "**Contract:** " + contract.markdownText,
            "**Started:** " + startedAt.rfc3339Milliseconds,
            wait,
            "**Jobs:** \(jobs); **timeout scale:** " + timeoutScale.plainNumber,
            "**Target round trip:** " + targetRoundTrip.text,
            "**Longest case:** " + (longestCase.map { $0.id.markdownCode + ", " + $0.durationMs.durationText } ?? "none"),
            baseline,
        ]
        return "## Run\n\n" + lines.map { "- " + $0.markdownSingleLine }.joined(separator: "\n")
    }
}
