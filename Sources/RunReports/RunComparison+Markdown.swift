// The comparison as GitHub-flavoured Markdown (`compare.md`): a scores table, then one table per area.
import Conformance

extension RunComparison {
    /// The comparison as Markdown: the runs (target, dialect, suite version, verdict, MUST score), a table of MUST
    /// scores per area with a total row, then per area a table of its cases by run whose cells are outcome symbols
    /// (`—` where the run did not have the case). A cell with a message links to it as a GFM footnote. Every report
    /// string is escaped, so nothing in it renders as markup.
    public var markdown: String {
        var notes: [String] = []
        var sections = [markdownHeading, markdownRuns, markdownScores]
        for area in areas { sections.append(markdownTable(area, notes: &notes)) }
        if !notes.isEmpty { sections.append(notes.joined(separator: "\n")) }
        return sections.joined(separator: "\n\n") + "\n"
    }

    private var markdownHeading: String {
        let cases = areas.reduce(0) { $0 + $1.rows.count }
        let legend = CaseOutcome.allCases.map { "\($0.symbol) \($0.rawValue)" }.joined(separator: ", ")
        return "# Conformance comparison\n\n\(columns.count) runs, \(cases) cases in \(areas.count) areas. "
            + "Cells: \(legend), \(Self.absentMark) not in that run. Scores: MUST cases passed / MUST cases run."
    }

    /// The header row and alignment row of a table whose first column is `first` and whose others are the runs.
    private func markdownHeader(_ first: String) -> [String] {
        let headings = columns.map { column in
            (column.label.markdownText + "\n" + column.dialect.markdownCode + " " + column.suiteVersion.markdownText).markdownCell
        }
        return ["| \(first) | " + headings.joined(separator: " | ") + " |",
                "| --- |" + String(repeating: " :---: |", count: columns.count)]
    }

    private var markdownRuns: String {
        var rows = ["## Runs", ""] + markdownHeader("Run")
        let lines: [(String, (Column) -> String)] = [
            ("Target", { $0.targetLabel.markdownText }),
            ("Dialect", { $0.dialect.markdownCode }),
            ("Suite version", { $0.suiteVersion.markdownText }),
            ("Verdict", { $0.certified ? "✅ certified" : "❌ not certified" }),
            ("**MUST score**", { "**\($0.score.text)**" }),
        ]
        for (name, cell) in lines {
            rows.append("| \(name) | " + columns.map { cell($0).markdownCell }.joined(separator: " | ") + " |")
        }
        return rows.joined(separator: "\n")
    }

    private var markdownScores: String {
        var rows = ["## Scores by area", ""] + markdownHeader("Area")
        for area in areas {
            let cells = area.scores.map { $0?.text ?? Self.absentMark }
            rows.append("| \(area.name.markdownText.markdownCell) | " + cells.joined(separator: " | ") + " |")
        }
        rows.append("| **total** | " + totals.map { "**\($0.text)**" }.joined(separator: " | ") + " |")
        return rows.joined(separator: "\n")
    }

    /// The area's table; each cell with a message adds its footnote to `notes`.
    private func markdownTable(_ area: Area, notes: inout [String]) -> String {
        var rows = ["## \(area.name.markdownText.markdownSingleLine)", ""] + markdownHeader("Case")
        for row in area.rows {
            var cells: [String] = []
            for (index, cell) in row.cells.enumerated() {
                guard let result = cell else { cells.append(Self.absentMark); continue }
                guard let message = result.message else { cells.append(result.outcome.symbol); continue }
                let name = "n\(notes.count + 1)"
                let note = "\(row.id.markdownCode) in \(columns[index].label.markdownText): \(result.outcomeLabel): "
                    + message.markdownText
                notes.append("[^\(name)]: " + note.markdownSingleLine)
                cells.append("\(result.outcome.symbol)[^\(name)]")
            }
            rows.append("| \(row.id.markdownCode.markdownCell) | " + cells.joined(separator: " | ") + " |")
        }
        let scores = area.scores.map { "**\($0?.text ?? Self.absentMark)**" }
        rows.append("| **score** | " + scores.joined(separator: " | ") + " |")
        return rows.joined(separator: "\n")
    }

    /// The cell of a case a run did not have.
    static let absentMark = "—"
}
