// junit.xml: one testcase per case, suites per area, failures / errors / skips, accepted failures kept green, escaping.
import Conformance
import Testing
@testable import RunReports

@Suite struct RunReportJUnitTests {
    @Test func junit_HasOneTestCasePerCase_WithClassnameArea() throws {
        let report = RunReport.make()
        let xml = try ParsedXML(report.junitXML)
        let cases = try xml.elements("//testcase")
        #expect(cases.map { $0.attributes["name"] } == report.results.map(\.id))
        #expect(cases.map { $0.attributes["classname"] } == report.results.map(\.area))
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
        #expect(failures[0].text.contains("expected: the tool server answers 409"))
        #expect(failures[0].text.contains("crm received POST /leads?src=a&b at +15.5 ms, answered 201"))
        let errors = try xml.elements("//testcase[@name='transfer.call.warm']/error")
        #expect(errors.first?.attributes["message"] == "target unreachable: connection refused")
        #expect(errors.first?.text.contains("error: connection refused") == true)
        let skipped = try xml.elements("//testcase[@name='oauth.token.refresh']/skipped")
        #expect(skipped.first?.attributes["message"] == "capability oauth2 not declared")
    }

    @Test func junit_ReportsNonStrictAndBaselinedAsPassing_WithSystemOut() throws {
        let xml = try ParsedXML(RunReport.make(staleBaseline: ["lifecycle.create.minimal"]).junitXML)
        let nonStrict = try xml.elements("//testcase[@name='execute.retry.backoff']/*")
        #expect(nonStrict.map(\.name) == ["system-out"])
        #expect(nonStrict.first?.text.hasPrefix("NON-STRICT: SHOULD rule execute.rule not met") == true)
        let baselined = try xml.elements("//testcase[@name='secrets.header.masked']/*")
        #expect(baselined.map(\.name) == ["system-out"])
        #expect(baselined.first?.text.hasPrefix("BASELINED fail") == true)
        let stale = try xml.elements("//testcase[@name='lifecycle.create.minimal']/system-out")
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
}
