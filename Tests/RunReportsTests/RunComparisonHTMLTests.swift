// compare.html: self-contained, every string escaped, the matrix's golden body, messages linked from their cells.
import Conformance
import Testing
@testable import RunReports

@Suite struct RunComparisonHTMLTests {
    @Test func html_IsSelfContained_WithoutScript() throws {
        let (old, new) = try RunComparison.makeRuns()
        let html = RunComparison([old, new]).html
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains(#"<meta name="viewport" content="width=device-width, initial-scale=1">"#))
        for external in ["<link", "<script", " src=", "@import", "url(", "href=\"http", "http://", "https://"] {
            #expect(!html.contains(external), "\(external)")
        }
    }

    @Test func html_MatrixBody_MatchesTheGoldenText() throws {
        let (old, new) = try RunComparison.makeRuns()
        let html = RunComparison([old, new], labels: ["before"]).html
        let start = try #require(html.range(of: "<table class=\"matrix\">"))
        let end = try #require(html.range(of: "</main>"))
        let body = String(html[start.lowerBound..<end.lowerBound])
        #expect(body == Self.golden, "\(body)")
    }

    @Test func html_EscapesEveryReportString() throws {
        var (old, new) = try RunComparison.makeRuns()
        old.results[0].id = "lifecycle.<img src=x>"
        old.results[0].title = RunReport.hostileText
        old.results[0].area = "<area>"
        new.dialect = "<dialect>"
        new.suiteVersion = "<version>"
        let html = RunComparison([old, new], labels: [RunReport.hostileText]).html
        #expect(!html.contains("<script>") && !html.contains("<img") && !html.contains("<area>")
            && !html.contains("<dialect>") && !html.contains("<version>"))
        #expect(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quote&#39; | pipe bell Zoë naïve ✓ 日本"))
        #expect(html.contains("<code>lifecycle.&lt;img src=x&gt;</code>"))
        #expect(html.contains("<code>&lt;dialect&gt;</code> · &lt;version&gt;"))
        #expect(html.contains("staging &lt;tool&gt; server &amp; co"))
        #expect(!html.unicodeScalars.contains("\u{01}"))
    }

    static let golden = """
    <table class="matrix">
    <thead><tr><th scope="col" class="case-col">Case</th><th scope="col" class="run"><span class="run-label">before</span>\
    <span class="run-meta">reference server · <code>feather</code> · 0.8.0</span><span class="verdict-tag not-certified">\
    ❌ not certified</span></th><th scope="col" class="run"><span class="run-label">staging &lt;tool&gt; server &amp; co</span>\
    <span class="run-meta"><code>oneinbox</code> · 0.9.0</span><span class="verdict-tag not-certified">❌ not certified</span>\
    </th></tr></thead>
    <tbody class="area">
    <tr class="area-row"><th scope="rowgroup" class="case-col">lifecycle</th><td class="score">1 / 2</td><td class="score">3 / 3</td></tr>
    <tr><th scope="row" class="case-col"><code>lifecycle.create.minimal</code><span class="case-title">Title of lifecycle.create.minimal \
    &lt;b&gt;</span></th><td class="cell c-pass" title="✅ pass">✅</td><td class="cell c-pass" title="✅ pass">✅</td></tr>
    <tr><th scope="row" class="case-col"><code>lifecycle.create.duplicate</code><span class="case-title">Title of \
    lifecycle.create.duplicate &lt;b&gt;</span></th><td class="cell c-fail"><a href="#m-1" title="❌ fail: expected 409; got 201 \
    &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quote&#39; | pipe bell Zoë naïve ✓ 日本">❌</a></td>\
    <td class="cell c-pass" title="✅ pass">✅</td></tr>
    <tr><th scope="row" class="case-col"><code>lifecycle.delete.gone</code><span class="case-title">Title of lifecycle.delete.gone \
    &lt;b&gt;</span></th><td class="cell absent" title="not in this run">—</td><td class="cell c-pass" title="✅ pass">✅</td></tr>
    </tbody>
    <tbody class="area">
    <tr class="area-row"><th scope="rowgroup" class="case-col">execute</th><td class="score">0 / 0</td><td class="score">0 / 0</td></tr>
    <tr><th scope="row" class="case-col"><code>execute.retry.backoff</code><span class="case-title">Title of execute.retry.backoff \
    &lt;b&gt;</span></th><td class="cell c-non-strict"><a href="#m-2" title="⚠️ non-strict: retries were not spaced out">⚠️</a></td>\
    <td class="cell c-pass" title="✅ pass">✅</td></tr>
    </tbody>
    <tbody class="area">
    <tr class="area-row"><th scope="rowgroup" class="case-col">oauth</th><td class="score">0 / 0</td><td class="score">—</td></tr>
    <tr><th scope="row" class="case-col"><code>oauth.token.refresh</code><span class="case-title">Title of oauth.token.refresh \
    &lt;b&gt;</span></th><td class="cell c-skipped"><a href="#m-3" title="⏭️ skipped: capability oauth2 not declared">⏭️</a></td>\
    <td class="cell absent" title="not in this run">—</td></tr>
    </tbody>
    <tbody class="area">
    <tr class="area-row"><th scope="rowgroup" class="case-col">transfer</th><td class="score">—</td><td class="score">0 / 1</td></tr>
    <tr><th scope="row" class="case-col"><code>transfer.call.warm</code><span class="case-title">Title of transfer.call.warm \
    &lt;b&gt;</span></th><td class="cell absent" title="not in this run">—</td><td class="cell c-error"><a href="#m-4" \
    title="💥 error: target unreachable: connection refused">💥</a></td></tr>
    </tbody>
    <tfoot><tr class="total-row"><th scope="row" class="case-col">Total</th><td>1 / 2</td><td>3 / 4</td></tr></tfoot>
    </table>
    </div>
    <section class="messages">
    <h2>Messages</h2>
    <ol>
    <li id="m-1"><code>lifecycle.create.duplicate</code> · before · ❌ fail: expected 409; got 201 \
    &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quote&#39; | pipe bell Zoë naïve ✓ 日本</li>
    <li id="m-2"><code>execute.retry.backoff</code> · before · ⚠️ non-strict: retries were not spaced out</li>
    <li id="m-3"><code>oauth.token.refresh</code> · before · ⏭️ skipped: capability oauth2 not declared</li>
    <li id="m-4"><code>transfer.call.warm</code> · staging &lt;tool&gt; server &amp; co · 💥 error: target unreachable: \
    connection refused</li>
    </ol>
    </section>

    """
}
