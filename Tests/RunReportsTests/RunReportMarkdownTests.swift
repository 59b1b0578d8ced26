// summary.md: verdict, counts, the cases not passing grouped by rule with folded evidence, metadata, size, escaping.
import Conformance
import Testing
@testable import RunReports

@Suite struct RunReportMarkdownTests {
    @Test func markdown_StartsWithTheVerdict() {
        #expect(RunReport.make().markdown.hasPrefix("# ❌ Not certified: staging &lt;tool&gt; server &amp; co"))
        let passing = RunReport.make(results: [.make("a.b", outcome: .pass)])
        #expect(passing.markdown.hasPrefix("# ✅ Certified: "))
        #expect(passing.markdown.contains("Every case passed."))
        #expect(!passing.markdown.contains("<details>"))
        #expect(RunReport.make(results: []).markdown.contains("No cases were selected."))
    }

    @Test func markdown_CountsAgreeInNumber() {
        #expect(RunReport.make(results: [.make("a.b", outcome: .pass)]).markdown.contains(": 1 case, 0 blocking."))
        #expect(RunReport.make().markdown.contains(": 6 cases, 2 blocking."))
        #expect(1.counted("stale baseline entry", plural: "stale baseline entries") == "1 stale baseline entry")
        #expect(0.counted("error") == "0 errors")
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

    @Test func markdown_GroupsCasesNotPassingByRule_BlockingRulesFirst_SkippedInOneLine() {
        let text = RunReport.make().markdown
        let headings = text.split(separator: "\n").filter { $0.hasPrefix("### ") }.map(String.init)
        #expect(headings == [
            "### ❌ Rule `lifecycle.rule` · MUST · 1 of 2 cases not passing",
            "### ❌ Rule `transfer.rule` · MUST · 1 of 1 case not passing",
            "### ⚠️ Rule `execute.rule` · SHOULD · 1 of 1 case not passing",
            "### ❌ Rule `secrets.rule` · MUST · 1 of 1 case not passing",
        ])
        #expect(text.contains("**Reason:** expected 409; got 201 "))
        #expect(text.contains("**fail (baselined)** · MUST"))
        #expect(text.contains("## Skipped (1)\n\n`oauth.token.refresh` (capability oauth2 not declared)"))
        let verdictEnd = text.range(of: "| blocking | 2 |")?.lowerBound
        let firstRule = text.range(of: "### ")?.lowerBound
        let metadata = text.range(of: "## Run")?.lowerBound
        #expect(verdictEnd != nil && firstRule != nil && metadata != nil && verdictEnd! < firstRule! && firstRule! < metadata!,
                "verdict and counts first, then the rules, then the run's metadata")
    }

    @Test func markdown_DetailsFailuresWithExchangesAndMockRequests() {
        let text = RunReport.make().markdown
        #expect(text.contains("#### ❌ `lifecycle.create.duplicate`: Title of lifecycle.create.duplicate &lt;b&gt;"))
        #expect(text.contains("<details><summary>Evidence (2 exchanges, 2 mock requests)</summary>\n\n**Expected:**"))
        #expect(text.components(separatedBy: "<details>").count - 1 == text.components(separatedBy: "</details>").count - 1)
        #expect(text.contains("**Expected:** the tool server answers 409 for a duplicate name"))
        #expect(text.contains("**Exchange 1:** `POST http://127.0.0.1:8080/tools?x=1&y=2` · answered 201"))
        // The body holds a ``` run, so its fence is four backticks.
        #expect(text.contains("````http\nPOST http://127.0.0.1:8080/tools?x=1&y=2\nAuthorization: Bearer"))
        #expect(text.contains("**crm** received `POST /leads?src=a&b` at +15.5 ms · answered 201"))
        #expect(text.contains("**webhook** received `POST /hook` at +17.0 ms · not answered"))
        #expect(text.contains("#### ⚠️ `execute.retry.backoff`"))
        #expect(text.contains("#### 💥 `transfer.call.warm`"))
        #expect(text.contains("**Error:** connection refused"))
        #expect(!text.contains("#### ⏭️"))
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

    @Test func markdown_LeavesOutEvidenceBeyondItsLimit_KeepingEveryCaseAndItsReason() {
        let full = RunReport.make().markdown
        let text = RunReport.make().markdown(maxBytes: 3000)
        #expect(full.utf8.count > 4000)
        #expect(text.utf8.count <= 3000)
        #expect(text.contains("left out to keep this summary under 2 KiB; report.html and run.json hold it all._"))
        for id in ["lifecycle.create.duplicate", "execute.retry.backoff", "transfer.call.warm", "secrets.header.masked"] {
            #expect(text.contains("`\(id)`: Title of"), "\(id) keeps its heading")
        }
    }

    @Test func markdown_OfAHundredFailingCasesWithHugeBodies_StaysUnderGitHubsLimit() {
        let body = String(repeating: "{\"filler\": \"0123456789\"}, ", count: 2000)
        let results = (0..<100).map { index in
            var result = CaseResult.make("area\(index % 7).rule.case\(index)", outcome: .fail, message: "expected it; got \(index)",
                                         evidence: Evidence(expectation: "it", observed: "not it", exchanges: (0..<6).map { _ in
                                             Exchange(method: "POST", url: "http://127.0.0.1/v1/tools", requestBody: body, status: 200, responseBody: body)
                                         }))
            result.checks = [CheckResult(rule: result.rule, expectation: "it", observed: "not it")]
            return result
        }
        let text = RunReport.make(results: results).markdown
        #expect(text.utf8.count < 1024 * 1024)
        #expect(text.split(separator: "\n").filter { $0.hasPrefix("#### ❌ ") }.count == 100, "every failing case keeps its heading")
        #expect(text.contains("more characters in report.html)"), "cut bodies say where the rest is")
        #expect(!text.contains(String(repeating: "{\"filler\": \"0123456789\"}, ", count: 200)), "long bodies are cut")
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
