// A case's evidence as plain text, the way a terminal or a CI log shows it (JUnit failure bodies).
import Conformance

extension Evidence {
    /// The evidence as plain text: expectation, observation, then each exchange (`>` request, `<` answer) and each
    /// mock request with its arrival time.
    public var plainText: String {
        var lines = ["expected: \(expectation)", "observed: \(observed)"]
        for (index, exchange) in exchanges.enumerated() {
            lines.append("")
            lines.append("exchange \(index + 1): \(exchange.method) \(exchange.url) "
                + "(started \(exchange.startedMs.offsetText), took \(exchange.durationMs.durationText))")
            lines.append(contentsOf: exchange.requestHeaders.map { "> \($0.name): \($0.value)" })
            if let body = exchange.requestBody { lines.append(">"); lines.append(contentsOf: Self.quoted(body, "> ")) }
            if let status = exchange.status { lines.append("< \(status)") }
            lines.append(contentsOf: exchange.responseHeaders.map { "< \($0.name): \($0.value)" })
            if let body = exchange.responseBody { lines.append("<"); lines.append(contentsOf: Self.quoted(body, "< ")) }
            if let error = exchange.error { lines.append("error: \(error)") }
        }
        for request in mockRequests {
            lines.append("")
            lines.append("\(request.system) received \(request.method) \(request.target) at \(request.arrivedMs.offsetText), "
                + (request.status.map { "answered \($0)" } ?? "not answered"))
            lines.append(contentsOf: request.headers.map { "  \($0.name): \($0.value)" })
            if let body = request.body { lines.append(contentsOf: Self.quoted(body, "  ")) }
        }
        return lines.joined(separator: "\n")
    }

    /// An HTTP message as text: the head line (`POST /tools`, `201`), the headers, and the body after a blank line.
    static func messageText(head: String, headers: [HeaderField], body: String?) -> String {
        var lines = [head] + headers.map { "\($0.name): \($0.value)" }
        if let body { lines.append(""); lines.append(body) }
        return lines.joined(separator: "\n")
    }

    /// `text`'s lines, each behind `prefix`.
    private static func quoted(_ text: String, _ prefix: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { prefix + $0 }
    }
}
