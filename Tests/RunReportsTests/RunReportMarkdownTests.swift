// summary.md: verdict, counts, metadata, the not-passing table, details per failure, and escaping.
import Conformance
import Testing
@testable import RunReports

@Suite struct RunReportMarkdownTests {
    @Test func markdown_StartsWithTheVerdict() {
        #expect(RunReport.make().markdown.hasPrefix("# ❌ Not certified: staging &lt;tool&gt; server &amp; co"))
        let passing = RunReport.make(results: [.make("a.b", outcome: .pass)])
        #expect(passing.markdown.hasPrefix("# ✅ Certified: "))
        #expect(passing.markdown.contains("Every case passed."))
        #expect(!passing.markdown.contains("## Details"))
        #expect(RunReport.make(results: []).markdown.contains("No cases were selected."))
    }

    @Test func markdown_CountsOutcomes_AndShowsTheRun() {
        let text = RunReport.make().markdown
        #expect(text.contains("| ✅ pass | 1 |"))
        #expect(text.contains("| ❌ fail | 2 |"))
        #expect(text.contains("| ⚠️ non-strict | 1 |"))
        #expect(text.contains("| **total** | **6** |"))
        #expect(text.contains("| blocking | 2 |"))
        #expect(text.contains("**Capabilities:** `background`, `oauth2`"))
        #expect(text.contains("**Duration:** 2.47 s; longest case critical path 2.40 s (wait 2.00 s plus round trips), which the run took 1.03×"))
        #expect(text.contains("**Baseline:** `ci/baseline.txt`"))
    }

    @Test func markdown_ListsEveryCaseNotPassing_EscapingPipes() {
        let text = RunReport.make().markdown
        let rows = text.split(separator: "\n").filter { $0.hasPrefix("| `") }
        #expect(rows.count == 5)
        let failRow = rows.first { $0.contains("lifecycle.create.duplicate") }
        #expect(failRow?.contains("\\| pipe") == true)
        // Every data row has exactly the table's 6 unescaped pipes.
        for row in rows {
            let unescaped = row.indices.filter { row[$0] == "|" && ($0 == row.startIndex || row[row.index(before: $0)] != "\\") }
            #expect(unescaped.count == 6, "\(row)")
        }
        #expect(text.contains("❌ fail (baselined)"))
    }

    @Test func markdown_DetailsFailuresWithExchangesAndMockRequests() {
        let text = RunReport.make().markdown
        #expect(text.contains("### ❌ `lifecycle.create.duplicate`: Title of lifecycle.create.duplicate &lt;b&gt;"))
        #expect(text.contains("**Expected:** the tool server answers 409 for a duplicate name"))
        #expect(text.contains("#### Exchange 1: `POST http://127.0.0.1:8080/tools?x=1&y=2` · answered 201"))
        // The body holds a ``` run, so its fence is four backticks.
        #expect(text.contains("````http\nPOST http://127.0.0.1:8080/tools?x=1&y=2\nAuthorization: Bearer"))
        #expect(text.contains("**crm** received `POST /leads?src=a&b` at +15.5 ms · answered 201"))
        #expect(text.contains("**webhook** received `POST /hook` at +17.0 ms · not answered"))
        #expect(text.contains("### ⚠️ `execute.retry.backoff`"))
        #expect(text.contains("### 💥 `transfer.call.warm`"))
        #expect(text.contains("**Error:** connection refused"))
        #expect(!text.contains("### ⏭️"))
    }

    @Test func markdown_ListsEveryExpectationChecked_UnmetFirst_WithItsRule() {
        let text = RunReport.make().markdown
        #expect(text.contains("**Expectations checked** (2 of 3 not met):\n\n"
            + "- ✗ `lifecycle.create` the tool server answers 409 for a duplicate name — got 201 "))
        #expect(text.contains("- ✗ `errors.shape` the refusal is an ErrorResponse — it was {}\n- ✓ `lifecycle.create` the create answers 201"))
        #expect(text.components(separatedBy: "**Expectations checked**").count == 2, "only the case with several checks lists them")
    }

    @Test func markdown_EscapesMarkupOutsideCode_AndDropsControlCharacters() {
        let text = RunReport.make().markdown
        #expect(!Self.linesOutsideFences(text).joined().contains("<script>"))
        #expect(text.contains("&lt;script&gt;alert(\"x\")&lt;/script&gt; &amp; 'quote'"))
        #expect(!text.unicodeScalars.contains("\u{01}"))
        #expect(text.contains("Zoë naïve ✓ 日本"))
    }

    @Test func markdown_LeavesOutDetailsBeyondItsLimit() {
        let full = RunReport.make().markdown
        let text = RunReport.make().markdown(maxBytes: 2000)
        #expect(full.utf8.count > 3000)
        #expect(text.utf8.count <= 2000 + 200)
        #expect(text.contains("_4 more cases' details are left out to keep this summary under 1 KiB"))
        #expect(text.hasPrefix(full.prefix(1000)))
        #expect(text.contains("| `transfer.call.warm` |"))
    }

    /// The lines that are not inside fenced code blocks.
    private static func linesOutsideFences(_ text: String) -> [Substring] {
        var outside: [Substring] = []
        var fence: Substring?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let run = line.prefix { $0 == "`" }
            if let open = fence {
                if run.count >= open.count && line.allSatisfy({ $0 == "`" }) { fence = nil }
            } else if run.count >= 3 {
                fence = run
            } else {
                outside.append(line)
            }
        }
        return outside
    }
}
