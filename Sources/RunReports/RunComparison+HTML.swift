// The comparison as one self-contained HTML page (`compare.html`): no external assets and no JavaScript.
import Conformance

extension RunComparison {
    /// The comparison as one HTML page with inline CSS and no script: a matrix whose columns are the runs (label,
    /// target, dialect, suite version, verdict), whose row groups are the areas with their MUST scores per run, and
    /// whose cells are outcome symbols (`—` where the run did not have the case), with a total row. A cell with a
    /// message shows it on hover (`title`) and links to it in the list of messages under the matrix, so it can be read
    /// on a phone too. The case column stays in view while the matrix scrolls sideways. Every report string is
    /// HTML-escaped; anchors are numbered, never made from report text.
    public var html: String {
        var messages: [String] = []
        let body = areas.map { htmlArea($0, messages: &messages) }.joined(separator: "\n")
        let cases = areas.reduce(0) { $0 + $1.rows.count }
        let legend = CaseOutcome.allCases.map { "<li>\($0.symbol) \($0.rawValue)</li>" }.joined()
            + "<li>\(Self.absentMark) not in that run</li>"
        let title = "Understudy: comparison of \(columns.map(\.label).joined(separator: ", "))"
        return HTMLReportStyle.page(title: title, extraCSS: Self.css, body: """
        <header class="compare-head">
        <h1>Conformance comparison</h1>
        <p>\(columns.count) runs · \(cases) cases in \(areas.count) areas · scores are MUST cases passed / MUST cases run</p>
        </header>
        <main>
        <ul class="legend">\(legend)</ul>
        <div class="matrix-wrap">
        <table class="matrix">
        <thead><tr><th scope="col" class="case-col">Case</th>\(columns.map(htmlHeading).joined())</tr></thead>
        \(body)
        <tfoot><tr class="total-row"><th scope="row" class="case-col">Total</th>\(totals.map { "<td>\($0.text)</td>" }.joined())</tr></tfoot>
        </table>
        </div>
        \(htmlMessages(messages))
        </main>
        """)
    }

    private func htmlHeading(_ column: Column) -> String {
        let verdict = column.certified ? #"<span class="verdict-tag certified">✅ certified</span>"#
            : #"<span class="verdict-tag not-certified">❌ not certified</span>"#
        var meta = "<code>\(column.dialect.markupEscaped)</code> · \(column.suiteVersion.markupEscaped)"
        if column.label != column.targetLabel { meta = column.targetLabel.markupEscaped + " · " + meta }
        return #"<th scope="col" class="run"><span class="run-label">\#(column.label.markupEscaped)</span>"#
            + #"<span class="run-meta">\#(meta)</span>\#(verdict)</th>"#
    }

    /// The area's row group: a heading row with its scores, then one row per case. Each cell with a message adds its
    /// list item to `messages`.
    private func htmlArea(_ area: Area, messages: inout [String]) -> String {
        let scores = area.scores.map { #"<td class="score">\#($0?.text ?? Self.absentMark)</td>"# }.joined()
        var lines = [#"<tbody class="area">"#,
                     #"<tr class="area-row"><th scope="rowgroup" class="case-col">\#(area.name.markupEscaped)</th>\#(scores)</tr>"#]
        for row in area.rows {
            var cells = ""
            for (index, cell) in row.cells.enumerated() {
                guard let result = cell else {
                    cells += #"<td class="cell absent" title="not in this run">\#(Self.absentMark)</td>"#
                    continue
                }
                let outcome = result.outcome
                let label = "\(outcome.symbol) \(result.outcomeLabel)"
                guard let message = result.message else {
                    cells += #"<td class="cell c-\#(outcome.rawValue)" title="\#(label.attributeEscaped)">\#(outcome.symbol)</td>"#
                    continue
                }
                let anchor = "m-\(messages.count + 1)"
                messages.append(#"<li id="\#(anchor)"><code>\#(row.id.markupEscaped)</code> · "#
                    + #"\#(columns[index].label.markupEscaped) · \#(label.markupEscaped): \#(message.markupEscaped)</li>"#)
                cells += ##"<td class="cell c-\##(outcome.rawValue)"><a href="#\##(anchor)" "##
                    + #"title="\#("\(label): \(message)".attributeEscaped)">\#(outcome.symbol)</a></td>"#
            }
            lines.append(#"<tr><th scope="row" class="case-col"><code>\#(row.id.markupEscaped)</code>"#
                + #"<span class="case-title">\#(row.title.markupEscaped)</span></th>\#(cells)</tr>"#)
        }
        lines.append("</tbody>")
        return lines.joined(separator: "\n")
    }

    private func htmlMessages(_ messages: [String]) -> String {
        guard !messages.isEmpty else { return #"<p class="empty">No case has a message.</p>"# }
        return "<section class=\"messages\">\n<h2>Messages</h2>\n<ol>\n\(messages.joined(separator: "\n"))\n</ol>\n</section>"
    }
}
