// Fixtures: a report with every outcome, evidence with exchanges and mock requests, and text that needs escaping.
import Conformance
import Foundation

extension RunReport {
    /// A secret planted in the fixture's evidence, for redaction tests.
    static let plantedSecret = "sk_live_PLANTED_4242"
    /// Text every format must escape: markup, quotes, a table pipe, a control character, non-ASCII.
    static let hostileText = "<script>alert(\"x\")</script> & 'quote' | pipe \u{01}bell Zoë naïve ✓ 日本"

    /// A run with one case per outcome plus a baselined failure, in two areas and more.
    static func make(results: [CaseResult] = CaseResult.makeAll(), staleBaseline: [String] = [],
                     longestCaseWaitMs: Double = 2000, longestCriticalPathMs: Double = 2400) -> RunReport {
        RunReport(suiteVersion: "0.9.0", contract: "The Understudy tool server contract (draft 1)",
                  target: "http://127.0.0.1:8080", targetLabel: "staging <tool> server & co",
                  dialect: "feather", capabilities: ["background", "oauth2"],
                  startedAt: Date(timeIntervalSince1970: 1_740_821_405.123), durationMs: 2468,
                  longestCaseWaitMs: longestCaseWaitMs, jobs: 8, timeoutScale: 1.5, baselineFile: "ci/baseline.txt",
                  staleBaseline: staleBaseline, results: results, longestCriticalPathMs: longestCriticalPathMs)
    }
}

extension CaseResult {
    /// pass, fail (with hostile evidence and three checks, two unmet), non-strict, skipped, error (transport error, no
    /// status), baselined fail.
    static func makeAll() -> [CaseResult] {
        var all = [
            make("lifecycle.create.minimal", outcome: .pass),
            make("lifecycle.create.duplicate", outcome: .fail, message: "expected 409; got 201 " + RunReport.hostileText,
                 evidence: .make()),
            make("execute.retry.backoff", level: .should, outcome: .nonStrict, message: "retries were not spaced out",
                 evidence: Evidence(expectation: "retries back off", observed: "3 retries within 5 ms")),
            make("oauth.token.refresh", outcome: .skipped, capability: "oauth2", message: "capability oauth2 not declared"),
            make("transfer.call.warm", outcome: .error, message: "target unreachable: connection refused",
                 evidence: Evidence(expectation: "an answer", observed: "none",
                                    exchanges: [Exchange(method: "POST", url: "http://127.0.0.1:8080/transfer",
                                                         error: "connection refused", startedMs: 1, durationMs: 0.4)])),
            make("secrets.header.masked", outcome: .fail, baselined: true, message: "secret echoed",
                 evidence: Evidence(expectation: "no secret in the answer", observed: "the answer echoed it")),
        ]
        all[1].checks = [
            CheckResult(rule: "lifecycle.create", expectation: "the create answers 201"),
            CheckResult(rule: "lifecycle.create", expectation: "the tool server answers 409 for a duplicate name",
                        observed: "got 201 " + RunReport.hostileText),
            CheckResult(rule: "errors.shape", expectation: "the refusal is an ErrorResponse", observed: "it was {}"),
        ]
        return all
    }

    static func make(_ id: String, level: RuleLevel = .must, outcome: CaseOutcome, capability: String? = nil,
                     baselined: Bool = false, message: String? = nil, evidence: Evidence? = nil) -> CaseResult {
        let area = String(id.split(separator: ".")[0])
        return CaseResult(id: id, title: "Title of \(id) <b>", area: area, rule: area + ".rule", level: level, source: "F X",
                          capability: capability, outcome: outcome, baselined: baselined, durationMs: 12,
                          message: message, evidence: evidence)
    }
}

extension Evidence {
    /// Two exchanges (one with bodies holding hostile text and the planted secret) and two mock requests.
    static func make() -> Evidence {
        Evidence(
            expectation: "the tool server answers 409 for a duplicate name",
            observed: "it answered 201 | twice",
            exchanges: [
                Exchange(method: "POST", url: "http://127.0.0.1:8080/tools?x=1&y=2",
                         requestHeaders: [HeaderField(name: "Authorization", value: "Bearer \(RunReport.plantedSecret)"),
                                          HeaderField(name: "Content-Type", value: "application/json")],
                         requestBody: #"{"name": "\#(RunReport.hostileText)", "code": "```"}"#, status: 201,
                         responseHeaders: [HeaderField(name: "Content-Type", value: "application/json")],
                         responseBody: #"{"id": "t_1"}"#, startedMs: 0.25, durationMs: 3.5),
                Exchange(method: "GET", url: "http://127.0.0.1:8080/tools/t_1", status: 200, startedMs: 5, durationMs: 1),
            ],
            mockRequests: [
                MockRequest(system: "crm", method: "POST", target: "/leads?src=a&b",
                            headers: [HeaderField(name: "X-Api-Key", value: RunReport.plantedSecret)],
                            body: "{\"lead\": \"Zoë\"}", arrivedMs: 15.5, status: 201),
                MockRequest(system: "webhook", method: "POST", target: "/hook", arrivedMs: 17, status: nil),
            ])
    }
}
