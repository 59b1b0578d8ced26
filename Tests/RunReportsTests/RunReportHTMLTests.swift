// report.html: self-contained, escaped, a proportional summary bar without script, filters, one row per case.
import Conformance
import Testing
@testable import RunReports

@Suite struct RunReportHTMLTests {
    @Test func html_IsSelfContained() {
        let html = RunReport.make().html
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(!html.contains("<link"))
        #expect(!html.contains("<script"))
        #expect(!html.contains(" src="))
        #expect(!html.contains("@import"))
        #expect(!html.contains("url("))
        #expect(!html.contains("href=\"http"))
        // The only absolute URLs are the target's, as escaped text.
        let urlLines = html.split(separator: "\n").filter { $0.contains("http://") || $0.contains("https://") }
        #expect(urlLines.allSatisfy { $0.contains("127.0.0.1:8080") }, "\(urlLines)")
    }

    @Test func html_EscapesEveryReportString() {
        let html = RunReport.make().html
        #expect(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quote&#39;"))
        #expect(html.contains("Title of lifecycle.create.duplicate &lt;b&gt;"))
        #expect(html.contains("staging &lt;tool&gt; server &amp; co"))
        #expect(html.contains("/leads?src=a&amp;b"))
        #expect(!html.unicodeScalars.contains("\u{01}"))
        #expect(html.contains("Zoë naïve ✓ 日本"))
    }

    @Test func html_SummaryBarSegmentsAreProportionalToCounts() {
        let html = RunReport.make().html
        #expect(html.contains(#"<span class="seg o-pass" style="flex-grow: 1" title="pass: 1">1</span>"#))
        #expect(html.contains(#"<span class="seg o-fail" style="flex-grow: 2" title="fail: 2">2</span>"#))
        #expect(html.contains(#"aria-label="1 pass, 2 fail, 1 non-strict, 1 skipped, 1 error""#))
        #expect(html.contains(#"<header class="verdict not-certified">"#))
        #expect(RunReport.make(results: [.make("a.b", outcome: .pass)]).html.contains(#"<header class="verdict certified">"#))
    }

    @Test func html_HasOneRowPerCase_WithEvidenceFolded() {
        let report = RunReport.make()
        let html = report.html
        #expect(html.components(separatedBy: "<article class=\"case ").count - 1 == report.results.count)
        #expect(html.contains(#"<article class="case o-fail a-0" id="case-lifecycle.create.duplicate">"#))
        #expect(html.contains(#"<article class="case o-non-strict a-1""#))
        #expect(html.contains("<details><summary>Evidence (2 exchanges, 2 mock requests)</summary>"))
        #expect(html.components(separatedBy: "<details>").count - 1 == report.results.filter { $0.evidence != nil }.count)
        #expect(html.contains(#"<span class="tag">baselined</span>"#))
    }

    @Test func html_ListsEveryExpectationChecked_OpenWhenOneWasNotMet() {
        let html = RunReport.make().html
        #expect(html.contains(#"<details class="checks" open><summary>3 expectations checked, 2 not met</summary><ul>"#))
        #expect(html.contains(#"<li><span class="met">✓</span> <code>lifecycle.create</code> the create answers 201</li>"#))
        #expect(html.contains(#"<li><span class="unmet">✗</span> <code>errors.shape</code> the refusal is an ErrorResponse — <em>it was {}</em></li>"#))
    }

    @Test func html_ListsCasesNotPassingFirst_BlockingOnesAtTheTop() {
        let html = RunReport.make().html
        let order = html.components(separatedBy: #"<article class="case "#).dropFirst().compactMap { row in
            row.range(of: #"id="case-"#).map { String(row[$0.upperBound...].prefix { $0 != "\"" }) }
        }
        #expect(order == ["lifecycle.create.duplicate", "transfer.call.warm", "execute.retry.backoff", "secrets.header.masked",
                          "oauth.token.refresh", "lifecycle.create.minimal"])
    }

    @Test func html_OfAHundredFailingCases_HasEveryRow_AndFoldsEveryEvidence() {
        let results = (0..<100).map { index in
            CaseResult.make("area\(index % 7).rule.case\(index)", outcome: .fail, message: "expected it; got \(index)",
                            evidence: Evidence(expectation: "it", observed: "not it",
                                               exchanges: [Exchange(method: "GET", url: "http://127.0.0.1/v1/tools", status: 500)]))
        }
        let html = RunReport.make(results: results).html
        #expect(html.components(separatedBy: #"<article class="case o-fail"#).count - 1 == 100)
        #expect(html.components(separatedBy: "<details><summary>Evidence").count - 1 == 100, "evidence is folded, not open")
    }

    @Test func html_FiltersByOutcomeAndAreaWithCSSOnly() {
        let html = RunReport.make().html
        for outcome in CaseOutcome.allCases {
            #expect(html.contains(#"<input type="checkbox" class="toggle" id="show-o-\#(outcome.rawValue)" checked>"#))
            #expect(html.contains("#show-o-\(outcome.rawValue):not(:checked) ~ .case-list .o-\(outcome.rawValue) { display: none; }"))
        }
        for area in 0..<5 {
            #expect(html.contains("#show-a-\(area):not(:checked) ~ .case-list .a-\(area) { display: none; }"))
        }
        #expect(html.contains(#"<label for="show-a-4" class="chip">secrets <b>1</b></label>"#))
    }

    @Test func html_MarksStaleBaselineEntries() {
        let html = RunReport.make(staleBaseline: ["lifecycle.create.minimal"]).html
        #expect(html.contains(#"<span class="tag stale">stale baseline</span>"#))
    }
}
