// The run as Markdown (`summary.md`), for pull requests and `$GITHUB_STEP_SUMMARY`.
import Conformance
import JSONModel

extension RunReport {
    /// Largest Markdown report, in UTF-8 bytes: GitHub refuses a step summary over 1 MiB. Case details that would pass
    /// it are left out, and one line says so and points to the HTML and JSON reports, which always hold everything.
    public static let markdownMaxBytes = 900 * 1024

    /// The run as Markdown: a certified / not certified heading, outcome counts, the run's metadata, a table of the
    /// cases that did not pass, then per failure, error and non-strict result its expectation, observation, exchanges
    /// and mock requests. Every report string is escaped, so nothing in it renders as markup.
    public var markdown: String { markdown(maxBytes: Self.markdownMaxBytes) }

    /// The Markdown report, leaving out case details beyond `maxBytes` (see `markdownMaxBytes`).
    public func markdown(maxBytes: Int) -> String {
        var text = [markdownHeading, markdownSummary, markdownMetadata, markdownNotPassing].joined(separator: "\n\n")
        let detailed = results.filter(\.needsDetail)
        guard !detailed.isEmpty else { return text + "\n" }
        text += "\n\n## Details\n"
        for (index, result) in detailed.enumerated() {
            let section = "\n" + result.markdownDetail + "\n"
            guard text.utf8.count + section.utf8.count <= maxBytes else {
                text += "\n_\(detailed.count - index) more cases' details are left out to keep this summary under "
                    + "\(maxBytes / 1024) KiB; report.html and run.json hold them all._\n"
                break
            }
            text += section
        }
        return text
    }

    private var markdownHeading: String {
        let verdict = certified ? "✅ Certified" : "❌ Not certified"
        return "# \(verdict): \(targetLabel.markdownText.markdownSingleLine)\n\n"
            + "Understudy \(suiteVersion.markdownText) conformance run, dialect \(dialect.markdownCode): "
            + "\(summary.total) cases, \(summary.blocking) blocking. Covers: \(scope.markdownText)."
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

    private var markdownNotPassing: String {
        let notPassing = results.filter { $0.outcome != .pass }
        guard !results.isEmpty else { return "## Cases not passing\n\nNo cases were selected." }
        guard !notPassing.isEmpty else { return "## Cases not passing\n\nEvery case passed." }
        var rows = ["## Cases not passing", "", "| Case | Outcome | Level | Area | Message |", "| --- | --- | --- | --- | --- |"]
        for result in notPassing {
            let cells = [result.id.markdownCode, "\(result.outcome.symbol) \(result.outcomeLabel)", result.level.rawValue,
                         result.area.markdownText, (result.message ?? "").markdownText]
            rows.append("| " + cells.map(\.markdownCell).joined(separator: " | ") + " |")
        }
        return rows.joined(separator: "\n")
    }
}
