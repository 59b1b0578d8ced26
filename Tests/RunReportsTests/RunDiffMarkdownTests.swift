// diff.md: the headline says whether something regressed, one escaped line per case under its class, bounded size,
// and the section `run --compare-to` puts into summary.md.
import Conformance
import Foundation
import Testing
@testable import RunReports

@Suite struct RunDiffMarkdownTests {
    /// pass → fail with hostile text, error → pass, fail → fail, an added skip, a removed pass, pass → non-strict.
    static func make() -> RunDiff {
        var hostile = CaseResult.make("lifecycle.create.duplicate", outcome: .fail, message: RunReport.hostileText)
        hostile.title = RunReport.hostileText
        let old = RunReport.make(results: [
            .make("lifecycle.create.duplicate", outcome: .pass), .make("transfer.call.warm", outcome: .error, message: "refused"),
            .make("secrets.header.masked", outcome: .fail, baselined: true), .make("oauth.gone", outcome: .pass),
            .make("execute.retry.backoff", level: .should, outcome: .pass),
        ])
        let new = RunReport.make(results: [
            hostile, .make("transfer.call.warm", outcome: .pass), .make("secrets.header.masked", outcome: .fail, baselined: true),
            .make("oauth.token.new", outcome: .skipped, message: "capability oauth2 not declared"),
            .make("execute.retry.backoff", level: .should, outcome: .nonStrict, message: "retries were not spaced out"),
        ])
        return RunDiff(old: old, new: new)
    }

    @Test func markdown_HeadlineSaysWhetherSomethingRegressed() {
        #expect(Self.make().markdown.hasPrefix("# ❌ 1 newly failing case since the run of 2025-03-01T09:30:05.123Z\n"))
        let same = RunDiff(old: .make(), new: .make())
        #expect(same.markdown.hasPrefix("# ✅ No new failures since the run of "))
        #expect(same.markdown.contains("- **The runs differ:** none besides their cases. Cases are matched by id."))
    }

    @Test func markdown_ListsEachClassWithOneLinePerCase() {
        let text = Self.make().markdown
        let headings = text.split(separator: "\n").filter { $0.hasPrefix("## ") }.map(String.init)
        #expect(headings == ["## ❌ Newly failing (1)", "## ✅ Newly passing (1)", "## Still failing (1)", "## Added (1)",
                             "## Removed (1)", "## Other changes (1)"])
        #expect(text.contains("- `transfer.call.warm` Title of transfer.call.warm &lt;b&gt; — MUST · error → pass: refused\n"))
        #expect(text.contains("— MUST · fail (baselined) → fail (baselined)\n"))
        #expect(text.contains("— MUST · added: skipped: capability oauth2 not declared\n"))
        #expect(text.contains("- `oauth.gone` Title of oauth.gone &lt;b&gt; — MUST · removed: pass\n"))
        #expect(text.contains("— SHOULD · pass → non-strict: retries were not spaced out\n"))
        #expect(text.contains("| Newly failing | 1 |\n") && text.contains("| Unchanged | 0 |\n"))
    }

    @Test func markdown_EscapesEveryReportString() {
        let text = Self.make().markdown
        let escaped = #"&lt;script&gt;alert("x")&lt;/script&gt; &amp; 'quote' | pipe bell Zoë naïve ✓ 日本"#
        #expect(text.contains("- `lifecycle.create.duplicate` \(escaped) — MUST · pass → fail: \(escaped)\n"))
        #expect(!text.contains("<script"))
        #expect(!text.unicodeScalars.contains("\u{01}"))
        var new = RunReport.make(results: [.make("a`b|c", outcome: .fail, message: "*bold* _it_ [link](x) # h\nnext")])
        new.targetLabel = "<b>label</b> `code`"
        new.dialect = "feather`"
        let hostile = RunDiff(old: .make(results: []), new: new).markdown
        #expect(hostile.contains("- ``a`b|c`` Title of a\\`b|c &lt;b&gt; — MUST · added: fail: \\*bold\\* \\_it\\_ \\[link\\](x) \\# h next\n"))
        #expect(hostile.contains("**Later:** &lt;b&gt;label&lt;/b&gt; \\`code\\` · Understudy 0.9.0 · dialect `` feather` ``"))
    }

    @Test func markdown_StaysBounded_AndSaysWhatItLeftOut() {
        let many = (0..<500).map { CaseResult.make("area.case-\($0)", outcome: .fail, message: String(repeating: "why ", count: 500),
                                                    evidence: .make()) }
        let diff = RunDiff(old: .make(results: many.map { var passing = $0; passing.outcome = .pass; return passing }),
                           new: .make(results: many))
        let full = diff.markdown
        #expect(full.utf8.count < 300 * 1024, "\(full.utf8.count) bytes")
        #expect(full.components(separatedBy: "\n- `area.case-").count - 1 == 500)
        #expect(!full.contains(RunReport.plantedSecret), "no evidence bodies")
        let cut = diff.markdown(headingLevel: 1, maxBytes: 20 * 1024)
        #expect(cut.utf8.count <= 20 * 1024)
        let listed = cut.components(separatedBy: "\n- `area.case-").count - 1
        #expect(listed > 0 && listed < 500)
        #expect(cut.hasSuffix("_\(500 - listed) more cases are left out to keep this under 20 KiB; diff.json lists them all._\n"))
    }

    @Test func summary_HoldsTheDiffAfterTheCounts_AndStaysUnderItsLimit() {
        let diff = Self.make()
        let report = RunReport.make()
        let text = ReportFormat.md.render(report, comparedWith: diff)
        let section = text.range(of: "\n## ❌ 1 newly failing case since the run of ")
        let notPassing = text.range(of: "\n## Cases not passing")
        #expect(section != nil && notPassing != nil)
        if let section, let notPassing { #expect(section.lowerBound < notPassing.lowerBound) }
        #expect(text.contains("\n### ❌ Newly failing (1)\n"))
        #expect(text.hasPrefix(report.markdown(maxBytes: 10_000).prefix(40)))
        // A run whose own Markdown fills the limit gives room to the diff.
        let huge = RunReport.make(results: (0..<400).map { CaseResult.make("big.case-\($0)", outcome: .fail, evidence: .make()) })
        let both = ReportFormat.md.render(huge, comparedWith: RunDiff(old: .make(results: []), new: huge))
        #expect(both.utf8.count <= RunReport.markdownMaxBytes)
        #expect(both.contains("## ❌ 400 newly failing cases since"))
        #expect(ReportFormat.json.render(report, comparedWith: diff) == ReportFormat.json.render(report))
    }
}
