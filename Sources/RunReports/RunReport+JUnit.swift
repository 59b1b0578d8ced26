// The run as JUnit XML (`junit.xml`), the format CI systems chart: one <testsuite> per area, one <testcase> per case.
import Conformance
import JSONModel

extension RunReport {
    /// The run as JUnit XML: `<testsuites>` holding one `<testsuite>` per area (in catalogue order), one `<testcase>`
    /// per case with `classname` = area and `name` = the rest of the case id, so that tools which show
    /// `classname.name` show the id once (`auth` + `api-key.missing`); times in seconds.
    ///
    /// Only what fails the run is red in CI: a failure is `<failure type="MUST">` and an error `<error>`, each with a
    /// short message (the expectation and what happened) and the evidence in the test case's `<system-out>`, cut to
    /// `junitEvidenceCharacters`; a skip is `<skipped>`. A non-strict result (a SHOULD rule not met) and a baselined failure or
    /// error are written as passing test cases whose `<system-out>` says so, with the evidence: they are reported but,
    /// by design, accepted, so a CI tool must not turn the build red for them. A stale baseline entry (a baselined
    /// case that passes) is noted in its test case's `<system-out>`; the run's exit status carries that failure.
    public var junitXML: String {
        var lines = [#"<?xml version="1.0" encoding="UTF-8"?>"#]
        let all = JUnitCounts(results)
        lines.append("<testsuites" + Self.attributes([
            ("name", "Understudy conformance: \(targetLabel) (\(dialect))"), ("tests", "\(all.tests)"),
            ("failures", "\(all.failures)"), ("errors", "\(all.errors)"), ("skipped", "\(all.skipped)"),
            ("time", durationMs.junitSeconds),
        ]) + ">")
        for (area, cases) in resultsByArea {
            let counts = JUnitCounts(cases)
            lines.append("  <testsuite" + Self.attributes([
                ("name", area), ("tests", "\(counts.tests)"), ("failures", "\(counts.failures)"),
                ("errors", "\(counts.errors)"), ("skipped", "\(counts.skipped)"),
                ("time", cases.reduce(0) { $0 + $1.durationMs }.junitSeconds), ("timestamp", startedAt.rfc3339Milliseconds),
            ]) + ">")
            lines.append("    <properties>")
            for (name, value) in [("target", targetLabel), ("dialect", dialect), ("suite_version", suiteVersion),
                                  ("capabilities", capabilities.joined(separator: ","))] {
                lines.append("      <property" + Self.attributes([("name", name), ("value", value)]) + "/>")
            }
            lines.append("    </properties>")
            lines.append(contentsOf: cases.map(junitTestCase))
            lines.append("  </testsuite>")
        }
        lines.append("</testsuites>")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The results grouped by area, areas in order of first appearance.
    var resultsByArea: [(area: String, results: [CaseResult])] {
        var groups: [(area: String, results: [CaseResult])] = []
        for result in results {
            if let index = groups.firstIndex(where: { $0.area == result.area }) {
                groups[index].results.append(result)
            } else {
                groups.append((result.area, [result]))
            }
        }
        return groups
    }

    /// Evidence longer than this is cut in `junit.xml` (report.html and run.json hold all of it).
    public static let junitEvidenceCharacters = 8000

    /// Failure and error messages longer than this are cut: CI tools show them on one line.
    public static let junitMessageCharacters = 300

    private func junitTestCase(_ result: CaseResult) -> String {
        let prefix = result.area + "."
        let name = result.id.hasPrefix(prefix) ? String(result.id.dropFirst(prefix.count)) : result.id
        let open = "    <testcase" + Self.attributes([
            ("name", name), ("classname", result.area), ("time", result.durationMs.junitSeconds),
        ])
        let fullMessage = result.message ?? result.outcome.rawValue
        let message = fullMessage.count > Self.junitMessageCharacters
            ? String(fullMessage.prefix(Self.junitMessageCharacters)) + "…" : fullMessage
        let evidence = result.evidence.map { evidence in
            let text = evidence.plainText
            return text.count > Self.junitEvidenceCharacters
                ? String(text.prefix(Self.junitEvidenceCharacters)) + "\n… (\(text.count - Self.junitEvidenceCharacters) more "
                    + "characters in report.html and run.json)"
                : text
        }
        let systemOut = evidence.map { "\n      <system-out>" + $0.markupEscaped + "</system-out>" } ?? ""
        var body: String?
        switch (result.outcome, result.baselined) {
        case (.fail, false):
            body = "<failure" + Self.attributes([("message", message), ("type", result.level.rawValue)]) + ">"
                + message.markupEscaped + "</failure>" + systemOut
        case (.error, false):
            body = "<error" + Self.attributes([("message", message), ("type", "error")]) + ">"
                + message.markupEscaped + "</error>" + systemOut
        case (.skipped, _):
            body = "<skipped" + Self.attributes([("message", message)]) + "/>"
        case (.fail, true), (.error, true), (.nonStrict, _):
            let note = result.outcome == .nonStrict
                ? "NON-STRICT: SHOULD rule \(result.rule) not met; reported, does not fail the run"
                : "BASELINED \(result.outcome.rawValue): listed in the baseline file; reported, does not fail the run"
            let text = [note + (result.baselined && result.outcome == .nonStrict ? " (also baselined)" : ""),
                        message, evidence].compactMap { $0 }.joined(separator: "\n\n")
            body = "<system-out>" + text.markupEscaped + "</system-out>"
        case (.pass, _):
            if staleBaseline.contains(result.id) {
                let text = "STALE BASELINE: listed in the baseline file but passes; remove it from the baseline "
                    + "(a stale baseline fails the run)"
                body = "<system-out>" + text.markupEscaped + "</system-out>"
            }
        }
        guard let body else { return open + "/>" }
        return open + ">\n      " + body + "\n    </testcase>"
    }

    /// ` name="value"` pairs, escaped.
    private static func attributes(_ pairs: [(String, String)]) -> String {
        pairs.map { " \($0.0)=\"\($0.1.attributeEscaped)\"" }.joined()
    }
}

/// What JUnit counts for a group of results: a baselined failure or error, and a non-strict result, count as passed.
private struct JUnitCounts {
    var tests = 0
    var failures = 0
    var errors = 0
    var skipped = 0

    init(_ results: [CaseResult]) {
        tests = results.count
        for result in results {
            switch (result.outcome, result.baselined) {
            case (.fail, false): failures += 1
            case (.error, false): errors += 1
            case (.skipped, _): skipped += 1
            default: break
            }
        }
    }
}
