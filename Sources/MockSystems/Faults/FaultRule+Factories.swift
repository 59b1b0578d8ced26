// Fault rules built in Swift for the failures tests provoke most: an answer, a delay, a status sequence, a broken
// connection. The same rules as their JSON form (Mocks/README.md, "Faults"), with the same derived ids.
import JSONModel
import HTTPWire

extension FaultRule {
    /// Answers `status` (with `headers` and `body`) instead of the route, after `delay` when given.
    public static func respond(_ status: Int, headers: HTTPHeaders = [:], body: JSONValue? = nil, path: String? = nil,
                               times: Int? = nil, delay: Duration? = nil) -> FaultRule {
        FaultRule(match: match(path), scope: scope(times), delay: delay.map(FaultDelay.fixed),
                  action: .respond(status: status, headers: headers, body: body))
    }

    /// Holds the answer for `span` (in whole milliseconds), then answers normally.
    public static func delay(_ span: Duration, path: String? = nil, times: Int? = nil) -> FaultRule {
        FaultRule(match: match(path), scope: scope(times), delay: .fixed(span))
    }

    /// The k-th matching request is answered `statuses[k-1]` with an empty body; then the rule is used up.
    public static func statusSequence(_ statuses: [Int], path: String? = nil) -> FaultRule {
        FaultRule(match: match(path), action: .statusSequence(statuses))
    }

    /// A broken connection instead of an answer: `.reset`, `.close` or `.garbage(bytes)`.
    public static func connection(_ action: Action, path: String? = nil, times: Int? = nil) -> FaultRule {
        FaultRule(match: match(path), scope: scope(times), action: action)
    }

    private static func match(_ path: String?) -> FaultMatch { FaultMatch(path: path.map(PathSelector.init)) }

    private static func scope(_ times: Int?) -> FaultScope { times.map(FaultScope.times) ?? .every }
}

extension FaultDelay {
    /// Exactly `span`, rounded to whole milliseconds (the unit of the rule's JSON form, `delay_ms`).
    public static func fixed(_ span: Duration) -> FaultDelay { .fixed(milliseconds: Int(span.inMilliseconds.rounded())) }
}
