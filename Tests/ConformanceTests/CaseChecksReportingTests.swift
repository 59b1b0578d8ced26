// A case reports every expectation it checked, each with its rule: soft checks go on, a hard one stops the case, and
// the verdict, the message and the evidence follow the first that was not met.
@testable import Conformance
import HTTPWire
import Testing

@Suite struct CaseChecksReportingTests {
    @Test func everyUnmetExpectation_IsReported_NotOnlyTheFirst() async throws {
        let threeWrong = ConformanceCase.make("execute.answer.three-wrong", rule: "execute.answer") { context in
            _ = try await context.send("GET", "/v1/tools")
            context.check(true, "the list answers", observed: "")
            context.check(false, "status_code is 200", observed: "status_code was 0")
            context.check(false, "success is true", observed: "success was false")
            context.check(false, "a secret stays hidden", observed: "it was shown", rule: "secrets.masked")
        }
        let report = try await ReferenceTarget.start().run(catalogue: [threeWrong])
        let result = try #require(report.results.first)
        #expect(result.outcome == .fail)
        #expect(result.checks.map(\.expectation) == ["the list answers", "status_code is 200", "success is true", "a secret stays hidden"])
        #expect(result.failedChecks.map(\.rule) == ["execute.answer", "execute.answer", "secrets.masked"])
        #expect(result.checks.first?.passed == true)
        #expect(result.message == "expected status_code is 200; status_code was 0 (and 2 more unmet expectations)")
        #expect(result.evidence?.expectation == "status_code is 200")
    }

    @Test func aHardExpectation_StopsTheCase_AfterTheSoftOnesBeforeIt() async throws {
        let stops = ConformanceCase.make("execute.required.stops") { context in
            context.check(false, "first", observed: "no")
            try context.expect(false, "second", observed: "no")
            context.check(false, "never reached", observed: "no")
        }
        let report = try await ReferenceTarget.start().run(catalogue: [stops])
        let result = try #require(report.results.first)
        #expect(result.outcome == .fail)
        #expect(result.checks.map(\.expectation) == ["first", "second"])
        #expect(result.message == "expected first; no (and 1 more unmet expectation)")
    }

    @Test func passingCases_ListWhatTheyChecked_AndAShouldRuleIsNonStrict() async throws {
        let passes = ConformanceCase.make("execute.required.checks") { context in
            for _ in 0..<3 { context.check(true, "the same expectation, checked in a loop", observed: "") }
        }
        let should = ConformanceCase.make("retry.retry-after.soft", rule: "retry.retry-after") { context in
            context.check(false, "a SHOULD", observed: "not done")
        }
        let report = try await ReferenceTarget.start().run(catalogue: [passes, should])
        #expect(report.results.map(\.outcome) == [.pass, .nonStrict])
        #expect(report.results[0].checks == [CheckResult(rule: "execute.required", expectation: "the same expectation, checked in a loop")])
    }

    @Test func log_KeepsEachExpectationOnce_AFailureReplacingAPass_AndStaysBounded() {
        var log = CheckLog()
        log.add(CheckResult(rule: "r", expectation: "page holds at most 5"), field: nil)
        log.add(CheckResult(rule: "r", expectation: "page holds at most 5", observed: "it held 6"), field: "items")
        log.add(CheckResult(rule: "r", expectation: "page holds at most 5", observed: "it held 7"), field: nil)
        #expect(log.results == [CheckResult(rule: "r", expectation: "page holds at most 5", observed: "it held 6")])
        #expect(log.fields == ["items"])
        for index in 0..<(CheckLog.limit + 10) {
            log.add(CheckResult(rule: "r", expectation: "item \(index) is listed once", observed: "twice"), field: nil)
        }
        #expect(log.results.count == CheckLog.limit)
        #expect(log.failures == CheckLog.limit + 11)
        #expect(log.firstFailure?.observed == "it held 6")
    }

    @Test func evidence_KeepsTheFieldAFailedCheckLookedAt_InALongBody() {
        let filler = (0..<300).map { #"{"id": "tool-\#($0)", "name": "lookup_\#($0)"}"# }.joined(separator: ", ")
        let body = #"{"items": ["# + filler + #"], "has_more": "yes"}"#
        #expect(body.count > 2 * Exchange.maxBodyCharacters)
        let kept = body.truncatedForEvidence(around: ["has_more"])
        #expect(kept.contains(#""has_more": "yes"}"#))
        #expect(kept.contains(#"shown around "has_more""#))
        #expect(kept.utf8.count < Exchange.maxBodyCharacters + 200)
        #expect(!body.truncatedForEvidence().contains(#""has_more""#), "without the field the long body keeps only its start")
    }
}
