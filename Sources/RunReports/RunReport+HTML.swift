// The run as one self-contained HTML page (`report.html`): no external assets and no JavaScript.
import Conformance
import JSONModel

extension RunReport {
    /// The run as one HTML page with inline CSS and no script: a verdict banner, a summary bar whose segments are
    /// proportional to the outcome counts, the run's metadata, outcome and area filters (checkboxes driving CSS
    /// sibling selectors), and one row per case with its evidence in a `<details>` element. Every report string is
    /// HTML-escaped.
    public var html: String {
        let areas = resultsByArea.map(\.area)
        let areaIndex = Dictionary(areas.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { first, _ in first })
        let verdict = certified ? "Certified" : "Not certified"
        return HTMLReportStyle.page(title: "Understudy: \(verdict.lowercased()), \(targetLabel)",
                                    extraCSS: HTMLReportStyle.filterRules(areaCount: areas.count), body: """
        <header class="verdict \(certified ? "certified" : "not-certified")">
        <h1>\(certified ? "✅" : "❌") \(verdict)</h1>
        <p>\(targetLabel.markupEscaped) · dialect <code>\(dialect.markupEscaped)</code> · Understudy \(suiteVersion.markupEscaped)</p>
        </header>
        <main>
        \(htmlSummary)
        \(htmlMetadata)
        <section class="cases">
        <h2>Cases</h2>
        \(htmlFilters(areas))
        <div class="case-list">
        \(htmlOrder.map { $0.htmlRow(areaIndex: areaIndex[$0.area] ?? 0, staleBaseline: staleBaseline.contains($0.id)) }
            .joined(separator: "\n"))
        </div>
        </section>
        </main>
        """)
    }

    private var htmlSummary: String {
        let summary = self.summary
        let present = CaseOutcome.allCases.filter { summary.count($0) > 0 }
        let label = present.map { "\(summary.count($0)) \($0.rawValue)" }.joined(separator: ", ")
        let segments = present.map { outcome in
            let count = summary.count(outcome)
            return #"<span class="seg o-\#(outcome.rawValue)" style="flex-grow: \#(count)" "#
                + #"title="\#(outcome.rawValue): \#(count)">\#(count)</span>"#
        }
        let legend = CaseOutcome.allCases.map { outcome in
            #"<li><span class="dot o-\#(outcome.rawValue)"></span>\#(outcome.rawValue) <b>\#(summary.count(outcome))</b></li>"#
        }
        let extra = "total <b>\(summary.total)</b> · blocking <b>\(summary.blocking)</b> · baselined <b>\(summary.baselined)</b>"
            + " · stale baseline entries <b>\(summary.stale)</b>"
        let bar = present.isEmpty ? #"<p class="empty">No cases were selected.</p>"#
            : #"<div class="bar" role="img" aria-label="\#(label)">\#(segments.joined())</div>"#
        return """
        <section class="summary">
        \(bar)
        <ul class="legend">\(legend.joined())</ul>
        <p class="totals">\(extra)</p>
        </section>
        """
    }

    private var htmlMetadata: String {
        var wait = longestCriticalPathMs.durationText + " (its wait \(longestCaseWaitMs.durationText) plus its round trips)"
        if let wallTimeRatio { wait += "; the run took \(wallTimeRatio.ratioText) this" }
        let rows: [(String, String)] = [
            ("Target", targetLabel.markupEscaped + (target == targetLabel ? "" : " <code>\(target.markupEscaped)</code>")),
            ("Dialect", "<code>\(dialect.markupEscaped)</code>"),
            ("Capabilities", capabilities.isEmpty ? "none"
                : capabilities.map { "<code>\($0.markupEscaped)</code>" }.joined(separator: " ")),
            ("Contract", contract.markupEscaped),
            ("Suite version", suiteVersion.markupEscaped),
            ("Started", startedAt.rfc3339Milliseconds),
            ("Duration", durationMs.durationText),
            ("Longest case critical path", wait),
            ("Jobs", "\(jobs)"),
            ("Timeout scale", timeoutScale.plainNumber),
            ("Target round trip", targetRoundTrip.text.markupEscaped),
            ("Longest case", longestCase.map { "<code>\($0.id.markupEscaped)</code>, \($0.durationMs.durationText)" } ?? "none"),
            ("Baseline", baselineFile.map { "<code>\($0.markupEscaped)</code>" } ?? "none"),
            ("Stale baseline entries", staleBaseline.isEmpty ? "none"
                : staleBaseline.map { "<code>\($0.markupEscaped)</code>" }.joined(separator: " ")),
            ("Tools left on the target", leftoverTools.isEmpty ? "none"
                : leftoverTools.map { "<code>\($0.toolID.markupEscaped)</code> (\($0.caseID.markupEscaped))" }.joined(separator: " ")),
        ]
        let items = rows.map { "<div><dt>\($0.0)</dt><dd>\($0.1)</dd></div>" }.joined(separator: "\n")
        return "<section class=\"metadata\">\n<h2>Run</h2>\n<dl>\n\(items)\n</dl>\n</section>"
    }

    /// The filter checkboxes (before the list, so that CSS sibling selectors reach it) and their labels.
    private func htmlFilters(_ areas: [String]) -> String {
        let summary = self.summary
        let groups = resultsByArea
        var inputs = CaseOutcome.allCases.map { #"<input type="checkbox" class="toggle" id="show-o-\#($0.rawValue)" checked>"# }
        inputs += areas.indices.map { #"<input type="checkbox" class="toggle" id="show-a-\#($0)" checked>"# }
        let outcomeLabels = CaseOutcome.allCases.map { outcome in
            #"<label for="show-o-\#(outcome.rawValue)" class="chip"><span class="dot o-\#(outcome.rawValue)"></span>"#
                + "\(outcome.rawValue) <b>\(summary.count(outcome))</b></label>"
        }
        let areaLabels = groups.enumerated().map { index, group in
            #"<label for="show-a-\#(index)" class="chip">\#(group.area.markupEscaped) <b>\#(group.results.count)</b></label>"#
        }
        return inputs.joined(separator: "\n") + """

        <div class="filters">
        <div class="filter-group"><span class="filter-title">Outcome</span>\(outcomeLabels.joined())</div>
        <div class="filter-group"><span class="filter-title">Area</span>\(areaLabels.joined())</div>
        </div>
        """
    }

    /// The cases as the HTML report lists them: blocking failures and errors first, then the other cases that did not
    /// pass (baselined, non-strict), then skipped and passed ones; catalogue order within each.
    var htmlOrder: [CaseResult] {
        let rank = { (result: CaseResult) -> Int in
            if result.blocks { return 0 }
            if result.needsDetail { return 1 }
            return result.outcome == .skipped ? 2 : 3
        }
        return results.enumerated().sorted { (rank($0.element), $0.offset) < (rank($1.element), $1.offset) }.map(\.element)
    }
}
