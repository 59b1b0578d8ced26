// junit.xml: one testcase per case, suites per area, failures / errors / skips, accepted failures kept green, escaping.
import Conformance
import Testing
@testable import RunReports

@Suite struct RunReportJUnitTests {
    @Test func junit_HasOneTestCasePerCase_NamedByItsIdOnce_WithClassnameArea() throws {
        let report = RunReport.make()
        let xml = try ParsedXML(report.junitXML)
        let cases = try xml.elements("//testcase")
        #expect(cases.map { ($0.attributes["classname"] ?? "") + "." + ($0.attributes["name"] ?? "") } == report.results.map(\.id))
        #expect(cases.map { $0.attributes["classname"] } == report.results.map(\.area))
        #expect(cases.first?.attributes["name"] == "create.minimal")
        #expect(cases.first?.attributes["time"] == "0.012")
    }

    @Test func junit_HasOneSuitePerArea_WithCounts() throws {
        let xml = try ParsedXML(RunReport.make().junitXML)
        let suites = try xml.elements("/testsuites/testsuite")
        #expect(suites.map { $0.attributes["name"] } == ["lifecycle", "execute", "oauth", "transfer", "secrets"])
        let lifecycle = suites[0].attributes
        #expect(lifecycle["tests"] == "2" && lifecycle["failures"] == "1" && lifecycle["errors"] == "0")
        #expect(lifecycle["time"] == "0.024")
        let root = try xml.elements("/testsuites")[0].attributes
        #expect(root["tests"] == "6" && root["failures"] == "1" && root["errors"] == "1" && root["skipped"] == "1")
        #expect(root["time"] == "2.468")
    }

    @Test func junit_MarksFailuresErrorsAndSkips() throws {
        let xml = try ParsedXML(RunReport.make().junitXML)
        let failures = try xml.elements("//testcase/failure")
        #expect(failures.count == 1)
        #expect(failures[0].attributes["type"] == "MUST")
        #expect(failures[0].attributes["message"]?.hasPrefix("expected 409; got 201 <script>") == true)
        #expect(failures[0].text.hasPrefix("expected 409; got 201 <script>"), "the failure's text is its short message")
        let evidence = try xml.elements("//testcase[@name='create.duplicate']/system-out")
        #expect(evidence.first?.text.contains("expected: the tool server answers 409") == true)
        #expect(evidence.first?.text.contains("crm received POST /leads?src=a&b at +15.5 ms, answered 201") == true)
        let errors = try xml.elements("//testcase[@name='call.warm']/error")
        #expect(errors.first?.attributes["message"] == "target unreachable: connection refused")
        let errorEvidence = try xml.elements("//testcase[@name='call.warm']/system-out")
        #expect(errorEvidence.first?.text.contains("error: connection refused") == true)
        let skipped = try xml.elements("//testcase[@name='token.refresh']/skipped")
        #expect(skipped.first?.attributes["message"] == "capability oauth2 not declared")
    }

    @Test func junit_ReportsNonStrictAndBaselinedAsPassing_WithSystemOut() throws {
        let xml = try ParsedXML(RunReport.make(staleBaseline: ["lifecycle.create.minimal"]).junitXML)
        let nonStrict = try xml.elements("//testcase[@name='retry.backoff']/*")
        #expect(nonStrict.map(\.name) == ["system-out"])
        #expect(nonStrict.first?.text.hasPrefix("NON-STRICT: SHOULD rule execute.rule not met") == true)
        let baselined = try xml.elements("//testcase[@name='header.masked']/*")
        #expect(baselined.map(\.name) == ["system-out"])
        #expect(baselined.first?.text.hasPrefix("BASELINED fail") == true)
        let stale = try xml.elements("//testcase[@name='create.minimal']/system-out")
        #expect(stale.first?.text.hasPrefix("STALE BASELINE") == true)
    }

    @Test func junit_EscapesMarkupAndDropsControlCharacters() throws {
        let text = RunReport.make().junitXML
        #expect(!text.contains("<script>"))
        #expect(text.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quote&#39;"))
        #expect(!text.unicodeScalars.contains("\u{01}"))
        #expect(text.contains("Zoë naïve ✓ 日本"))
        let message = try ParsedXML(text).elements("//failure")[0].attributes["message"]
        #expect(message == "expected 409; got 201 <script>alert(\"x\")</script> & 'quote' | pipe bell Zoë naïve ✓ 日本")
    }

    @Test func junit_KeepsLineBreaksInAttributes() throws {
        var report = RunReport.make(results: [.make("a.b", outcome: .skipped, message: "line one\nline two\ttab")])
        report.staleBaseline = []
        let skipped = try ParsedXML(report.junitXML).elements("//skipped")
        #expect(skipped.first?.attributes["message"] == "line one\nline two\ttab")
    }

    @Test func junit_OfAnEmptyRun_IsWellFormed() throws {
        let xml = try ParsedXML(RunReport.make(results: []).junitXML)
        #expect(try xml.elements("/testsuites")[0].attributes["tests"] == "0")
    }

    @Test func junit_CutsLongMessagesAndEvidence() throws {
        let huge = String(repeating: "x", count: 50_000)
        let result = CaseResult.make("execute.answer.huge", outcome: .fail, message: "expected it; " + huge,
                                     evidence: Evidence(expectation: "it", observed: huge))
        let xml = try ParsedXML(RunReport.make(results: [result]).junitXML)
        let failure = try xml.elements("//testcase/failure")[0]
        #expect((failure.attributes["message"]?.count ?? 0) <= RunReport.junitMessageCharacters + 1)
        let out = try xml.elements("//testcase/system-out")[0].text
        #expect(out.count < RunReport.junitEvidenceCharacters + 200)
        #expect(out.hasSuffix("more characters in report.html and run.json)"))
    }
}
