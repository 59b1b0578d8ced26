// The diff as HTML: `diff.html`, one self-contained page in the run report's style, and the section
// `run --compare-to` adds to `report.html`.
import Conformance
import JSONModel

extension RunDiff {
    /// The diff as one HTML page with the run report's inline CSS and no script: a banner saying whether something
    /// regressed, then `htmlSection`. Every report string is HTML-escaped.
    public var html: String {
        HTMLReportStyle.page(title: "Understudy diff: \(headline)", body: """
        <header class="verdict \(regressed ? "not-certified" : "certified")">
        <h1>\(headline.markupEscaped)</h1>
        <p>\(new.targetLabel.markupEscaped) · dialect <code>\(new.dialect.markupEscaped)</code> · Understudy \(new.suiteVersion.markupEscaped)</p>
        </header>
        <main>
        \(htmlSection(heading: "Changes"))
        </main>
        """)
    }

    /// The diff as a `<section class="comparison">`: the two runs, how they differ, the counts, and per class of
    /// change one line per case with an outcome badge, id, title, transition and reason. It uses only the run
    /// report's own CSS classes, so it fits in `report.html` as well as in `diff.html`.
    /// - Parameter heading: the section's `<h2>`.
    public func htmlSection(heading: String) -> String {
        var lines = ["<section class=\"comparison\">", "<h2>\(heading.markupEscaped)</h2>", htmlRuns, htmlCounts]
        for change in Change.allCases where count(change) > 0 {
            lines.append("<h3>\(change.heading) (\(count(change)))</h3>")
            lines.append("<ul>")
            lines.append(contentsOf: entries(change).map(\.htmlItem))
            lines.append("</ul>")
        }
        lines.append("</section>")
        return lines.joined(separator: "\n")
    }

    private var htmlRuns: String {
        var rows = [("Earlier", old), ("Later", new)].map { name, run in
            let certified = run.certified ? "certified" : "not certified"
            return (name, run.targetLabel.markupEscaped + " · Understudy " + run.suiteVersion.markupEscaped
                + " · dialect <code>" + run.dialect.markupEscaped + "</code> · started "
                + run.startedAt.rfc3339Milliseconds + " · \(run.cases) cases · \(certified)")
        }
        rows.append(("The runs differ", (runDifferences.isEmpty ? "none besides their cases"
            : runDifferences.map(\.markupEscaped).joined(separator: "; ")) + "; cases are matched by id"))
        let items = rows.map { "<div><dt>\($0.0)</dt><dd>\($0.1)</dd></div>" }.joined(separator: "\n")
        return "<div class=\"metadata\"><dl>\n\(items)\n</dl></div>"
    }

    private var htmlCounts: String {
        let counts = Change.allCases.map { "\($0.heading.lowercased()) <b>\(count($0))</b>" }
            + ["unchanged <b>\(unchanged)</b>"]
        return "<p class=\"totals\">" + counts.joined(separator: " · ") + "</p>"
    }
}

extension RunDiff.Entry {
    /// One `<li>`: the later outcome's badge (the earlier one's for a removed case), id, title, transition, reason.
    var htmlItem: String {
        let outcome = (new ?? old)?.outcome ?? .skipped
        var item = #"<li><span class="badge o-\#(outcome.rawValue)">\#(outcome.symbol) \#(outcome.rawValue)</span> "#
            + #"<code class="case-id">\#(id.markupEscaped)</code> \#(title.markupEscaped) "#
            + #"<span class="case-meta">\#(level.rawValue) · \#(transition.markupEscaped)</span>"#
        if let reason { item += #"<div class="case-message">\#(reason.markupEscaped)</div>"# }
        return item + "</li>"
    }
}
