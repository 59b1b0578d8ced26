// What the execution cases share: tools aimed at a case's mocks, executes judged as the subject, journal readings.
import Foundation
import HTTPWire
import JSONModel
import MockSystems

/// Feather's `RetryConfig`, every field written out so that no default of the target decides a case.
struct RetrySettings: Sendable {
    var maxRetries: Int
    /// The contract allows 0.1-30; the cases keep it small so the suite stays fast.
    var baseDelaySeconds = 0.1
    /// The contract allows 1-120.
    var maxDelaySeconds = 1.0
    var jitter = false

    var json: JSONValue {
        ["max_retries": .int(maxRetries), "base_delay_seconds": .double(baseDelaySeconds),
         "max_delay_seconds": .double(maxDelaySeconds), "jitter": .bool(jitter)]
    }

    /// The contract's delay before retry `n` (1-based) without jitter, `min(max_delay, base * 2^(n-1))`.
    func delay(beforeRetry n: Int) -> Duration {
        .seconds(roundedToMilliseconds: min(maxDelaySeconds, baseDelaySeconds * pow(2, Double(n - 1))))
    }
}

extension ToolSpec {
    /// A tool without variables or body that calls `path` on `mock`; cases add what their rule needs.
    static func calling(_ mock: CaseMock, _ path: String, method: String = "POST", name: String) -> ToolSpec {
        var spec = ToolSpec(url: mock.url(path))
        spec.name = mock.toolPrefix + name
        spec.description = "Conformance tool \(name)"
        spec.method = method
        return spec
    }
}

extension CaseContext {
    /// `span` of timing margin in milliseconds, multiplied by the run's timeout scale.
    func marginMs(_ span: Duration) -> Double { span.inMilliseconds * timeoutScale }

    /// A tool `timeout` (whole seconds) of at least `seconds` that a correct downstream call can finish in from this
    /// target: one more second for every second of the target's 95th-percentile round trip, doubled (the target reaches
    /// the mocks over the same distance), when that is 50 ms or more.
    func toolTimeoutSeconds(atLeast seconds: Int) -> Int {
        let roundTrip = environment.roundTrip.p95Ms
        return roundTrip < 50 ? seconds : seconds + Int((2 * roundTrip / 1000).rounded(.up))
    }

    /// A margin for something happening later than the contract says: `marginMs(span)` plus what the network can
    /// explain, the target's 95th-percentile round trip (an answer that must travel back before the next request
    /// leaves). Never for an earliest time: the network makes things later, not sooner.
    func lateMarginMs(_ span: Duration) -> Double { marginMs(span) + environment.roundTrip.p95Ms }

    /// Executes a tool when the execute answer is the case's subject: no answer (within `timeout`, before scaling)
    /// fails the case instead of making it an error. `metadata`, when given, is the request's `metadata`.
    func executeJudged(_ id: String, input: JSONValue = [:], metadata: JSONValue? = nil,
                       timeout: Duration? = nil) async throws -> TargetAnswer {
        switch await attempt("POST", "/v1/tools/\(id)/execute", json: executeBody(input: input, metadata: metadata), timeout: timeout) {
        case let .success(answer):
            return answer
        case let .failure(error):
            let limit = timeout.map { " within \(String(format: "%.1f", $0.inSeconds * timeoutScale)) s" } ?? ""
            throw CaseFailure(expectation: "the target answers the execute request\(limit)", observed: "no answer: \(error)")
        }
    }

    /// Expects a `ToolExecuteResponse` (an integer `status_code`), whatever the HTTP status: the status of the answer
    /// to a failed downstream call is `execute.downstream-failure`'s subject, not every case's.
    func expectExecuteResponse(_ answer: TargetAnswer) throws {
        try expect(answer["status_code"].intValue != nil, "the execute answer is a ToolExecuteResponse with an integer status_code",
                   observed: answer.summary)
    }

    /// Checks each of `expected` (a top-level field of the answer and its value) on its own, so that every wrong
    /// field is reported, not only the first.
    /// - Parameter because: the situation, in words (`a downstream 404`).
    func checkFields(_ answer: TargetAnswer, _ expected: KeyValuePairs<String, JSONValue>, because: String) {
        for (field, value) in expected {
            check(answer[field] == value, "\(because): \(field) is \(value.jsonText)",
                  observed: "\(field) was \(answer.json?[field]?.jsonText ?? "absent") in \(answer.summary)", field: field)
        }
    }

    /// Expects a 422 whose `detail[].loc` points at each of `fields` (the last element names it) and at none of
    /// `present`; every field it misses or wrongly blames is reported.
    func expectInputRejected(_ answer: TargetAnswer, naming fields: [String], notNaming present: [String] = []) throws {
        try expect(answer.status == 422, "the execute answers 422", observed: answer.summary)
        let located = Self.locatedFields(answer)
        for field in fields {
            check(located.contains(field), "the 422 has a detail entry whose loc points at `\(field)`", observed: answer.summary,
                  field: "detail")
        }
        for field in present {
            check(!located.contains(field), "the 422 does not blame `\(field)`, which was given correctly", observed: answer.summary,
                  field: "detail")
        }
    }

    /// The fields a 422's `detail` entries point at: the last element of each `loc`.
    static func locatedFields(_ answer: TargetAnswer) -> Set<String> {
        Set((answer["detail"].arrayValue ?? []).compactMap { $0["loc"]?.arrayValue?.last?.stringValue })
    }

    /// Expects that nothing reaches `mock`, waiting `span` (scaled) for a request sent after the answer.
    func expectNothingSent(to mock: CaseMock, within span: Duration = .milliseconds(300), _ expectation: String) async throws {
        let count = await mock.waitForRequests(count: 1, within: span.scaled(by: timeoutScale))
        try expect(count == 0, expectation, observed: "\(count) request(s) arrived: "
                   + mock.requests().map { "\($0.method) \($0.target)" }.joined(separator: ", "))
    }
}

extension JournalEntry {
    /// The body parsed as JSON, or nil.
    var jsonBody: JSONValue? { body.isEmpty ? nil : try? JSONValue.parse(body) }

    /// Everything the downstream system saw of the request, as text: target, header names and values, body.
    var seenText: String {
        ([target] + headers.map { "\($0.name): \($0.value)" } + [String(decoding: body, as: UTF8.self)]).joined(separator: "\n")
    }

    /// The query's `name=value` pairs as sent (still percent-encoded), in order.
    var rawQueryItems: [(name: String, value: String)] {
        (query ?? "").split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (name: String(parts[0]), value: parts.count > 1 ? String(parts[1]) : "")
        }
    }

    /// The decoded value of query parameter `name`. A `+` is read as a space only when `expected` has no `+`, so both
    /// RFC 3986 and form encoding of the expected value are recognised.
    func queryValue(_ name: String, expecting expected: String) -> String? {
        guard let raw = rawQueryItems.first(where: { $0.name.removingPercentEncoding == name })?.value else { return nil }
        let decoded = raw.removingPercentEncoding ?? raw
        if decoded != expected, !expected.contains("+") {
            return raw.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? raw
        }
        return decoded
    }
}

extension Array where Element == JournalEntry {
    /// Milliseconds between consecutive arrivals (one fewer than the entries).
    var arrivalGapsMs: [Double] {
        zip(self, dropFirst()).map {
            MonotonicClock.elapsed(since: $0.arrivalMonotonicNanoseconds, at: $1.arrivalMonotonicNanoseconds).inMilliseconds
        }
    }

    /// The statuses the mock answered, `none` for a connection it broke.
    var statusList: String { map { $0.status.map(String.init) ?? "none" }.joined(separator: ", ") }
}
