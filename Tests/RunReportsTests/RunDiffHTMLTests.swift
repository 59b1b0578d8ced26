// diff.html: one self-contained page in the report's style, every string escaped; the section report.html gets.
import Conformance
import Foundation
import Testing
@testable import RunReports

@Suite struct RunDiffHTMLTests {
    @Test func html_IsSelfContained_InTheReportsStyle() {
        let html = RunDiffMarkdownTests.make().html
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        for external in ["<link", "<script", " src=", "@import", "url(", "href="] { #expect(!html.contains(external), "\(external)") }
        #expect(html.contains(HTMLReportStyle.css))
        #expect(html.contains(#"<header class="verdict not-certified">"#))
        #expect(RunDiff(old: .make(), new: .make()).html.contains(#"<header class="verdict certified">"#))
        #expect(html.components(separatedBy: "<section").count == html.components(separatedBy: "</section>").count)
    }

    @Test func html_EscapesEveryReportString() {
        let html = RunDiffMarkdownTests.make().html
        let escaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quote&#39; | pipe bell Zoë naïve ✓ 日本"
        #expect(html.contains(#"<code class="case-id">lifecycle.create.duplicate</code> \#(escaped) "#))
        #expect(html.contains(#"<div class="case-message">\#(escaped)</div>"#))
        #expect(html.contains("staging &lt;tool&gt; server &amp; co"))
        #expect(html.contains("Title of transfer.call.warm &lt;b&gt;"))
        #expect(!html.contains("<script") && !html.contains("warm <b>"))
        #expect(!html.unicodeScalars.contains("\u{01}"))
    }

    @Test func html_ListsEachClass_WithTheLaterOutcomesBadge() {
        let html = RunDiffMarkdownTests.make().html
        let headings = html.split(separator: "\n").filter { $0.hasPrefix("<h3>") }.map(String.init)
        #expect(headings == ["<h3>Newly failing (1)</h3>", "<h3>Newly passing (1)</h3>", "<h3>Still failing (1)</h3>",
                             "<h3>Added (1)</h3>", "<h3>Removed (1)</h3>", "<h3>Other changes (1)</h3>"])
        #expect(html.contains(#"<li><span class="badge o-pass">✅ pass</span> <code class="case-id">oauth.gone</code>"#))
        #expect(html.contains(#"<span class="case-meta">MUST · error → pass</span><div class="case-message">refused</div></li>"#))
        #expect(html.contains("newly failing <b>1</b> · newly passing <b>1</b>"))
    }

    @Test func report_HoldsTheDiffBeforeItsCaseList() {
        let html = ReportFormat.html.render(RunReport.make(), comparedWith: RunDiffMarkdownTests.make())
        let section = html.range(of: #"<section class="comparison">"#)
        let cases = html.range(of: #"<section class="cases">"#)
        #expect(section != nil && cases != nil)
        if let section, let cases { #expect(section.lowerBound < cases.lowerBound) }
        #expect(html.contains("<h2>❌ 1 newly failing case since the run of 2025-03-01T09:30:05.123Z</h2>"))
    }

    @Test func html_StaysFarUnderAMebibyte_For500Cases() {
        func html(message: String) -> String {
            let many = (0..<500).map { CaseResult.make("area.case-\($0)", outcome: .fail, message: message, evidence: .make()) }
            return RunDiff(old: .make(results: []), new: .make(results: many)).html
        }
        let plain = html(message: String(repeating: "why ", count: 500))
        #expect(plain.utf8.count < 300 * 1024, "\(plain.utf8.count) bytes")
        #expect(plain.components(separatedBy: "<li>").count - 1 == 500)
        #expect(!plain.contains(RunReport.plantedSecret), "no evidence bodies")
        // The worst case: every character of every reason escaped to an entity.
        let escaped = html(message: String(repeating: "<&> ", count: 500))
        #expect(escaped.utf8.count < 600 * 1024, "\(escaped.utf8.count) bytes")
    }
}
