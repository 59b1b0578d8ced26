// One case as a row of the HTML report, with its evidence folded into a <details> element.
import Conformance

extension CaseResult {
    /// The case's row: outcome badge, id, title, level, area and duration; the message; the evidence, folded.
    /// - Parameters:
    ///   - areaIndex: the area's position in the report, which the area filter's CSS rules refer to.
    ///   - staleBaseline: whether the case is a stale baseline entry (baselined, yet it passed).
    func htmlRow(areaIndex: Int, staleBaseline: Bool) -> String {
        var tags = ""
        if baselined { tags += #" <span class="tag">baselined</span>"# }
        if staleBaseline { tags += #" <span class="tag stale">stale baseline</span>"# }
        var meta = "\(level.rawValue) · rule <code>\(rule.markupEscaped)</code> · source \(source.markupEscaped) · "
            + "\(area.markupEscaped) · \(durationMs.durationText)"
        if let capability { meta += " · needs <code>\(capability.markupEscaped)</code>" }
        var lines = [
            #"<article class="case o-\#(outcome.rawValue) a-\#(areaIndex)" id="case-\#(id.markupEscaped)">"#,
            #"<div class="case-head"><span class="badge o-\#(outcome.rawValue)">\#(outcome.symbol) \#(outcome.rawValue)</span>"#
                + #"\#(tags) <code class="case-id">\#(id.markupEscaped)</code> "#
                + #"<span class="case-title">\#(title.markupEscaped)</span></div>"#,
            #"<div class="case-meta">\#(meta)</div>"#,
        ]
        if let message { lines.append(#"<p class="case-message">\#(message.markupEscaped)</p>"#) }
        if !checks.isEmpty { lines.append(checksHTML) }
        if let evidence { lines.append(Self.html(evidence)) }
        lines.append("</article>")
        return lines.joined(separator: "\n")
    }

    /// Every expectation the case checked, each with its rule; open when one did not hold.
    private var checksHTML: String {
        let failed = failedChecks.count
        var lines = ["<details class=\"checks\"\(failed > 0 ? " open" : "")><summary>\(checks.count) expectation"
            + "\(checks.count == 1 ? "" : "s") checked\(failed > 0 ? ", \(failed) not met" : "")</summary><ul>"]
        for check in checks {
            let mark = check.passed ? #"<span class="met">✓</span>"# : #"<span class="unmet">✗</span>"#
            var line = "<li>\(mark) <code>\(check.rule.markupEscaped)</code> \(check.expectation.markupEscaped)"
            if let observed = check.observed { line += " — <em>\(observed.markupEscaped)</em>" }
            lines.append(line + "</li>")
        }
        lines.append("</ul></details>")
        return lines.joined(separator: "\n")
    }

    private static func html(_ evidence: Evidence) -> String {
        let counts = "\(evidence.exchanges.count) exchange\(evidence.exchanges.count == 1 ? "" : "s"), "
            + "\(evidence.mockRequests.count) mock request\(evidence.mockRequests.count == 1 ? "" : "s")"
        var lines = [
            "<details><summary>Evidence (\(counts))</summary>",
            "<dl class=\"expectation\"><dt>Expected</dt><dd>\(evidence.expectation.markupEscaped)</dd>"
                + "<dt>Observed</dt><dd>\(evidence.observed.markupEscaped)</dd></dl>",
        ]
        for (index, exchange) in evidence.exchanges.enumerated() { lines.append(html(exchange, number: index + 1)) }
        if !evidence.mockRequests.isEmpty {
            lines.append("<h4>Mock requests</h4>")
            lines.append(contentsOf: evidence.mockRequests.map(html))
        }
        lines.append("</details>")
        return lines.joined(separator: "\n")
    }

    private static func html(_ exchange: Exchange, number: Int) -> String {
        let requestLine = "\(exchange.method) \(exchange.url)"
        let answer = exchange.status.map { "answered \($0)" } ?? "no answer"
        var lines = [
            #"<div class="exchange"><h4>Exchange \#(number): <code>\#(requestLine.markupEscaped)</code></h4>"#,
            #"<p class="timing">\#(answer) · started \#(exchange.startedMs.offsetText) · "#
                + #"took \#(exchange.durationMs.durationText)</p>"#,
            #"<div class="http"><div><h5>Request</h5><pre>"#
                + Evidence.messageText(head: requestLine, headers: exchange.requestHeaders, body: exchange.requestBody)
                    .markupEscaped + "</pre></div>",
        ]
        if let status = exchange.status {
            lines.append("<div><h5>Answer</h5><pre>"
                + Evidence.messageText(head: "\(status)", headers: exchange.responseHeaders, body: exchange.responseBody)
                    .markupEscaped + "</pre></div>")
        }
        lines.append("</div>")
        if let error = exchange.error { lines.append(#"<p class="error">\#(error.markupEscaped)</p>"#) }
        lines.append("</div>")
        return lines.joined(separator: "\n")
    }

    private static func html(_ request: MockRequest) -> String {
        let requestLine = "\(request.method) \(request.target)"
        let answer = request.status.map { "answered \($0)" } ?? "not answered"
        let text = Evidence.messageText(head: requestLine, headers: request.headers, body: request.body)
        return #"<div class="mock-request"><p><b>\#(request.system.markupEscaped)</b> received "#
            + #"<code>\#(requestLine.markupEscaped)</code> at \#(request.arrivedMs.offsetText) · \#(answer)</p>"#
            + "<pre>\(text.markupEscaped)</pre></div>"
    }
}
