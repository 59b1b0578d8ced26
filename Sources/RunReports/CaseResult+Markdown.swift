// One failing, erroring or non-strict case in the Markdown report: a heading and its reason, then its evidence folded:
// what was expected, what happened, every expectation checked, and the traffic.
import Conformance

extension CaseResult {
    /// Bodies longer than this are cut in the Markdown report (whole in report.html and run.json), unless the recorded
    /// body already keeps the part that matters (a window around a JSON error or a checked field).
    static let markdownBodyCharacters = 2000

    /// The case's heading, verdict line and one-line reason: always in the report, whatever its size.
    var markdownHeadline: String {
        var verdict = "**\(outcomeLabel)** · \(level.rawValue) · source \(source.markdownText) · \(durationMs.durationText)"
        if let capability { verdict += " · capability \(capability.markdownCode)" }
        var lines = ["#### \(outcome.symbol) \(id.markdownCode): \(title.markdownText.markdownSingleLine)", verdict.markdownSingleLine]
        if let message { lines.append("**Reason:** " + String(message.prefix(400)).markdownText.markdownSingleLine) }
        return lines.joined(separator: "\n\n")
    }

    /// The evidence in a `<details>` element: expectation and observation, the expectations checked, each exchange's
    /// request and answer in fenced blocks, and each mock request with its arrival time.
    var markdownEvidence: String {
        guard let evidence else { return "" }
        let counts = "\(evidence.exchanges.count) exchange\(evidence.exchanges.count == 1 ? "" : "s"), "
            + "\(evidence.mockRequests.count) mock request\(evidence.mockRequests.count == 1 ? "" : "s")"
        var parts = ["<details><summary>Evidence (\(counts))</summary>"]
        parts.append("**Expected:** " + evidence.expectation.markdownText.markdownSingleLine
            + "  \n**Observed:** " + evidence.observed.markdownText.markdownSingleLine)
        if checks.count > 1 { parts.append(checksMarkdown) }
        for (index, exchange) in evidence.exchanges.enumerated() {
            parts.append(contentsOf: Self.markdown(exchange, number: index + 1))
        }
        if !evidence.mockRequests.isEmpty {
            parts.append("**Mock requests**")
            for request in evidence.mockRequests { parts.append(contentsOf: Self.markdown(request)) }
        }
        parts.append("</details>")
        return parts.joined(separator: "\n\n")
    }

    /// A body as the Markdown report shows it: cut to `markdownBodyCharacters` unless it is already cut around what
    /// matters.
    private static func shown(_ body: String?) -> String? {
        guard let body, body.count > markdownBodyCharacters, !body.contains(" bytes; ") else { return body }
        return String(body.prefix(markdownBodyCharacters)) + "… (\(body.count - markdownBodyCharacters) more characters in report.html)"
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
        var parts = ["**Exchange \(number):** \(requestLine.markdownCode) · \(answer) · "
            + "started \(exchange.startedMs.offsetText), took \(exchange.durationMs.durationText)"]
        let request = Evidence.messageText(head: requestLine, headers: exchange.requestHeaders, body: shown(exchange.requestBody))
        parts.append("Request:\n\n" + request.markdownFenced("http"))
        if let status = exchange.status {
            let response = Evidence.messageText(head: "\(status)", headers: exchange.responseHeaders, body: shown(exchange.responseBody))
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
        let text = Evidence.messageText(head: requestLine, headers: request.headers, body: shown(request.body))
        return [line.markdownSingleLine, text.markdownFenced("http")]
    }
}
