// The diff as Markdown: `diff.md`, what `understudy report diff` prints, and the section `run --compare-to` adds.
import Conformance
import JSONModel

extension RunDiff {
    /// Largest diff section inside a run's `summary.md`, in UTF-8 bytes; the run's own report gives up the same room.
    public static let embeddedMarkdownMaxBytes = 200 * 1024

    /// The diff as a Markdown document (`diff.md`), at most `RunReport.markdownMaxBytes`.
    public var markdown: String { markdown(headingLevel: 1, maxBytes: RunReport.markdownMaxBytes) }

    /// The diff as Markdown: a heading saying whether something regressed, the two runs, how they differ, a counts
    /// table, then per class of change one line per case (id, title, transition, reason). Every report string is
    /// escaped. Case lines that would pass `maxBytes` are left out, and one line says how many.
    /// - Parameter headingLevel: 1 for a document of its own, 2 for a section of `summary.md`.
    public func markdown(headingLevel: Int, maxBytes: Int) -> String {
        let hashes = String(repeating: "#", count: headingLevel)
        var text = [hashes + " " + headline, markdownRuns, markdownCounts].joined(separator: "\n\n") + "\n"
        let listed = Change.allCases.filter { count($0) > 0 }
        for (index, change) in listed.enumerated() {
            let section = "\n\(hashes)# \(change == .newlyFailing ? "❌ " : change == .newlyPassing ? "✅ " : "")"
                + "\(change.heading) (\(count(change)))\n\n"
            text += section
            let lines = entries(change)
            for (number, entry) in lines.enumerated() {
                let line = entry.markdownLine + "\n"
                guard text.utf8.count + line.utf8.count + 200 <= maxBytes else {
                    let left = lines.count - number + listed.dropFirst(index + 1).reduce(0) { $0 + count($1) }
                    return text + "\n_\(left) more cases are left out to keep this under \(maxBytes / 1024) KiB; "
                        + "diff.json lists them all._\n"
                }
                text += line
            }
        }
        return text
    }

    /// `❌ 2 newly failing cases since the run of 2025-03-01T09:30:05.123Z`, or `✅ No new failures since …`.
    var headline: String {
        let since = "since the run of \(old.startedAt.rfc3339Milliseconds)"
        let failing = count(.newlyFailing)
        guard failing > 0 else { return "✅ No new failures " + since }
        return "❌ \(failing) newly failing \(failing == 1 ? "case" : "cases") " + since
    }

    private var markdownRuns: String {
        var lines = [("Earlier", old), ("Later", new)].map { name, run in
            "- **\(name):** " + run.targetLabel.markdownText + " · Understudy " + run.suiteVersion.markdownText
                + " · dialect " + run.dialect.markdownCode + " · started " + run.startedAt.rfc3339Milliseconds
                + " · \(run.cases) cases · " + (run.certified ? "certified" : "not certified")
        }
        let differences = runDifferences.isEmpty ? "none besides their cases"
            : runDifferences.map(\.markdownText).joined(separator: "; ")
        lines.append("- **The runs differ:** " + differences + ". Cases are matched by id.")
        return lines.map(\.markdownSingleLine).joined(separator: "\n")
    }

    private var markdownCounts: String {
        var rows = ["| Change | Cases |", "| --- | ---: |"]
        for change in Change.allCases { rows.append("| \(change.heading) | \(count(change)) |") }
        rows.append("| Unchanged | \(unchanged) |")
        return rows.joined(separator: "\n")
    }
}

extension RunDiff.Entry {
    /// `- `id` Title — MUST · pass → fail: reason`, on one line.
    var markdownLine: String {
        var line = "- " + id.markdownCode + " " + title.markdownText + " — \(level.rawValue) · " + transition.markdownText
        if let reason { line += ": " + reason.markdownText }
        return line.markdownSingleLine
    }
}
