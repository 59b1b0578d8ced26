// One failing, erroring or non-strict case in the Markdown report: what was expected, what happened, and the traffic.
import Conformance

extension CaseResult {
    /// The case's detail section: heading, verdict line, expectation and observation, each exchange's request and
    /// answer in fenced blocks, and each mock request with its arrival time.
    var markdownDetail: String {
        var parts = ["### \(outcome.symbol) \(id.markdownCode): \(title.markdownText.markdownSingleLine)"]
        var verdict = "**\(outcomeLabel)** · \(level.rawValue) rule \(rule.markdownCode) · source \(source.markdownText) · "
            + "area \(area.markdownText) · \(durationMs.durationText)"
        if let capability { verdict += " · capability \(capability.markdownCode)" }
        parts.append(verdict.markdownSingleLine)
        guard let evidence else {
            parts.append("**Message:** " + (message ?? "none").markdownText.markdownSingleLine)
            return parts.joined(separator: "\n\n")
        }
        parts.append("**Expected:** " + evidence.expectation.markdownText.markdownSingleLine
            + "  \n**Observed:** " + evidence.observed.markdownText.markdownSingleLine)
        if checks.count > 1 { parts.append(checksMarkdown) }
        for (index, exchange) in evidence.exchanges.enumerated() {
            parts.append(contentsOf: Self.markdown(exchange, number: index + 1))
        }
        if !evidence.mockRequests.isEmpty {
            parts.append("#### Mock requests")
            for request in evidence.mockRequests { parts.append(contentsOf: Self.markdown(request)) }
        }
        return parts.joined(separator: "\n\n")
    }

    /// Every expectation the case checked, each with its rule: unmet ones first, with what happened.
    private var checksMarkdown: String {
        let ordered = failedChecks + checks.filter(\.passed)
        let lines = ordered.map { check in
            var line = "- \(check.passed ? "✓" : "✗") \(check.rule.markdownCode) " + check.expectation.markdownText
            if let observed = check.observed { line += " — " + observed.markdownText }
            return line.markdownSingleLine
        }
        return "**Expectations checked** (\(failedChecks.count) of \(checks.count) not met):\n\n" + lines.joined(separator: "\n")
    }

    private static func markdown(_ exchange: Exchange, number: Int) -> [String] {
        let answer = exchange.status.map { "answered \($0)" } ?? "no answer"
        let requestLine = "\(exchange.method) \(exchange.url)"
        var parts = ["#### Exchange \(number): \(requestLine.markdownCode) · \(answer) · "
            + "started \(exchange.startedMs.offsetText), took \(exchange.durationMs.durationText)"]
        let request = Evidence.messageText(head: requestLine, headers: exchange.requestHeaders, body: exchange.requestBody)
        parts.append("Request:\n\n" + request.markdownFenced("http"))
        if let status = exchange.status {
            let response = Evidence.messageText(head: "\(status)", headers: exchange.responseHeaders, body: exchange.responseBody)
            parts.append("Answer:\n\n" + response.markdownFenced("http"))
        }
        if let error = exchange.error { parts.append("**Error:** " + error.markdownText.markdownSingleLine) }
        return parts
    }

    private static func markdown(_ request: MockRequest) -> [String] {
        let answer = request.status.map { "answered \($0)" } ?? "not answered"
        let requestLine = "\(request.method) \(request.target)"
        let line = "**\(request.system.markdownText)** received \(requestLine.markdownCode) "
            + "at \(request.arrivedMs.offsetText) · \(answer)"
        guard !request.headers.isEmpty || request.body != nil else { return [line.markdownSingleLine] }
        let text = Evidence.messageText(head: requestLine, headers: request.headers, body: request.body)
        return [line.markdownSingleLine, text.markdownFenced("http")]
    }
}
