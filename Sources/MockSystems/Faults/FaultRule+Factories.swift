// Fault rules built in Swift for the failures tests provoke most: an answer, a delay, a status sequence, a broken
// connection. The same rules as their JSON form (Mocks/README.md, "Faults"), with the same derived ids.
import JSONModel
import HTTPWire

extension FaultRule {
    /// Answers `status` (with `headers` and `body`) instead of the route, after `delayMilliseconds` when given.
    public static func respond(_ status: Int, headers: HTTPHeaders = [:], body: JSONValue? = nil, path: String? = nil,
                               times: Int? = nil, delayMilliseconds: Int? = nil) -> FaultRule {
        FaultRule(match: match(path), scope: scope(times), delay: delayMilliseconds.map { .fixed(milliseconds: $0) },
                  action: .respond(status: status, headers: headers, body: body))
    }

    /// Holds the answer for `milliseconds`, then answers normally.
    public static func delay(milliseconds: Int, path: String? = nil, times: Int? = nil) -> FaultRule {
        FaultRule(match: match(path), scope: scope(times), delay: .fixed(milliseconds: milliseconds))
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
