// compare.md: the golden text for two runs of different suite versions and dialects; hostile text escaped.
import Conformance
import Testing
@testable import RunReports

@Suite struct RunComparisonMarkdownTests {
    @Test func markdown_MatchesTheGoldenText() throws {
        let (old, new) = try RunComparison.makeRuns()
        let markdown = RunComparison([old, new], labels: ["before | 0.8"]).markdown
        #expect(markdown == Self.golden, "\(markdown)")
    }

    @Test func markdown_EscapesHostileText_InEveryPlaceItShows() throws {
        var (old, new) = try RunComparison.makeRuns()
        old.results[0].id = "lifecycle.`x` | y"
        new.dialect = "one`|`inbox"
        let markdown = RunComparison([old, new], labels: [RunReport.hostileText]).markdown
        #expect(!markdown.contains("<script>"))
        #expect(markdown.contains("&lt;script&gt;alert(\"x\")&lt;/script&gt; &amp; 'quote' \\| pipe bell Zoë"))
        #expect(!markdown.unicodeScalars.contains("\u{01}"))
        #expect(markdown.contains("| ``lifecycle.`x` \\| y`` |"))
        #expect(markdown.contains("``one`\\|`inbox``"))
        // Every table row has as many cells as its header: no stray pipe split one.
        for table in markdown.components(separatedBy: "\n\n").filter({ $0.hasPrefix("| ") }) {
            let counts = table.split(separator: "\n").map { $0.replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count }
            #expect(Set(counts).count == 1, "\(table)")
        }
    }

    static let golden = """
    # Conformance comparison

    2 runs, 6 cases in 4 areas. Cells: ✅ pass, ❌ fail, ⚠️ non-strict, ⏭️ skipped, 💥 error, — not in that run. \
    Scores: MUST cases passed / MUST cases run.

    ## Runs

    | Run | before \\| 0.8<br>`feather` 0.8.0 | staging &lt;tool&gt; server &amp; co<br>`oneinbox` 0.9.0 |
    | --- | :---: | :---: |
    | Target | reference server | staging &lt;tool&gt; server &amp; co |
    | Dialect | `feather` | `oneinbox` |
    | Suite version | 0.8.0 | 0.9.0 |
    | Verdict | ❌ not certified | ❌ not certified |
    | **MUST score** | **1 / 2** | **3 / 4** |

    ## Scores by area

    | Area | before \\| 0.8<br>`feather` 0.8.0 | staging &lt;tool&gt; server &amp; co<br>`oneinbox` 0.9.0 |
    | --- | :---: | :---: |
    | lifecycle | 1 / 2 | 3 / 3 |
    | execute | 0 / 0 | 0 / 0 |
    | oauth | 0 / 0 | — |
    | transfer | — | 0 / 1 |
    | **total** | **1 / 2** | **3 / 4** |

    ## lifecycle

    | Case | before \\| 0.8<br>`feather` 0.8.0 | staging &lt;tool&gt; server &amp; co<br>`oneinbox` 0.9.0 |
    | --- | :---: | :---: |
    | `lifecycle.create.minimal` | ✅ | ✅ |
    | `lifecycle.create.duplicate` | ❌[^n1] | ✅ |
    | `lifecycle.delete.gone` | — | ✅ |
    | **score** | **1 / 2** | **3 / 3** |

    ## execute

    | Case | before \\| 0.8<br>`feather` 0.8.0 | staging &lt;tool&gt; server &amp; co<br>`oneinbox` 0.9.0 |
    | --- | :---: | :---: |
    | `execute.retry.backoff` | ⚠️[^n2] | ✅ |
    | **score** | **0 / 0** | **0 / 0** |

    ## oauth

    | Case | before \\| 0.8<br>`feather` 0.8.0 | staging &lt;tool&gt; server &amp; co<br>`oneinbox` 0.9.0 |
    | --- | :---: | :---: |
    | `oauth.token.refresh` | ⏭️[^n3] | — |
    | **score** | **0 / 0** | **—** |

    ## transfer

    | Case | before \\| 0.8<br>`feather` 0.8.0 | staging &lt;tool&gt; server &amp; co<br>`oneinbox` 0.9.0 |
    | --- | :---: | :---: |
    | `transfer.call.warm` | — | 💥[^n4] |
    | **score** | **—** | **0 / 1** |

    [^n1]: `lifecycle.create.duplicate` in before | 0.8: fail: expected 409; got 201 &lt;script&gt;alert("x")&lt;/script&gt; \
    &amp; 'quote' | pipe bell Zoë naïve ✓ 日本
    [^n2]: `execute.retry.backoff` in before | 0.8: non-strict: retries were not spaced out
    [^n3]: `oauth.token.refresh` in before | 0.8: skipped: capability oauth2 not declared
    [^n4]: `transfer.call.warm` in staging &lt;tool&gt; server &amp; co: error: target unreachable: connection refused

    """
}
