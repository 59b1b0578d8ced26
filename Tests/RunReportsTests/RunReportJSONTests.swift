// run.json: exact round trips, the snake_case shape, derived fields, and errors that name the path.
import Conformance
import Foundation
import JSONModel
import Testing
@testable import RunReports

@Suite struct RunReportJSONTests {
    @Test func json_RoundTripsExactly_ThroughValueAndText() throws {
        let report = RunReport.make(staleBaseline: ["lifecycle.create.minimal"])
        #expect(try RunReport(json: report.jsonValue) == report)
        #expect(try RunReport(jsonBytes: report.jsonValue.encoded()) == report)
        #expect(try RunReport(jsonBytes: Array(report.jsonValue.indentedText.utf8)) == report)
    }

    @Test func json_RoundTripsFractionalDurations() throws {
        var report = RunReport.make()
        report.durationMs = 1234.56789
        report.timeoutScale = 0.1
        report.results[0].durationMs = 1e-3
        report.targetRoundTrip = RoundTrip(medianMs: 401.25, p95Ms: 420.5, samples: 7)
        report.results[1].leftoverTools = ["tool-a", "tool-b"]
        #expect(try RunReport(jsonBytes: report.jsonValue.encoded()) == report)
    }

    @Test func json_HasTheDocumentedKeysInOrder() throws {
        let json = RunReport.make().jsonValue
        #expect(json.objectValue?.keys == [
            "schema_version", "suite_version", "contract", "target", "target_label", "dialect", "capabilities",
            "started_at", "duration_ms", "longest_case_wait_ms", "longest_critical_path_ms", "wall_time_ratio", "jobs", "timeout_scale",
            "baseline_file", "stale_baseline", "target_round_trip_ms", "certified", "summary", "cases",
        ])
        #expect(json["schema_version"] == .int(RunReport.schemaVersion))
        #expect(json["started_at"]?.stringValue == "2025-03-01T09:30:05.123Z")
        #expect(json["cases"]?.arrayValue?[1]["outcome"] == "fail")
        #expect(json["cases"]?.arrayValue?[2]["outcome"] == "non-strict")
        #expect(json["cases"]?.arrayValue?[2]["level"] == "SHOULD")
        #expect(json["cases"]?.arrayValue?[0]["evidence"] == .null)
        let exchange = json["cases"]?.arrayValue?[1]["evidence"]?["exchanges"]?.arrayValue?[0]
        #expect(exchange?["request_headers"]?.arrayValue?[1] == ["name": "Content-Type", "value": "application/json"])
        #expect(exchange?.objectValue?.keys.contains("response_body") == true)
        let mock = json["cases"]?.arrayValue?[1]["evidence"]?["mock_requests"]?.arrayValue?[1]
        #expect(mock?["status"] == .null)
        #expect(mock?["arrived_ms"]?.doubleValue == 17)
    }

    @Test func json_WritesDerivedFields() {
        let json = RunReport.make().jsonValue
        #expect(json["certified"] == false)
        #expect(json["wall_time_ratio"]?.doubleValue == 2468.0 / 2400)
        #expect(json["summary"] == ["total": 6, "passed": 1, "failed": 2, "non_strict": 1, "skipped": 1, "errored": 1,
                                    "baselined": 1, "stale": 0, "blocking": 2])
        #expect(RunReport.make(longestCaseWaitMs: 0, longestCriticalPathMs: 0).jsonValue["wall_time_ratio"] == .null)
    }

    @Test func read_RecomputesDerivedFields_IgnoringWhatTheFileSays() throws {
        guard case var .object(object) = RunReport.make().jsonValue else { Issue.record("not an object"); return }
        object["certified"] = true
        object["summary"] = ["total": 99]
        object["wall_time_ratio"] = 42
        let report = try RunReport(json: .object(object))
        #expect(report == RunReport.make())
        #expect(report.certified == false)
        #expect(report.summary.total == 6)
    }

    @Test func read_OfAnEarlierReport_TakesTheLongestWaitAsTheCriticalPath() throws {
        guard case var .object(object) = RunReport.make().jsonValue else { Issue.record("not an object"); return }
        object["longest_critical_path_ms"] = nil
        object["cases"] = .array(Self.cases { $0[1]["checks"] = nil })
        let report = try RunReport(json: .object(object))
        #expect(report.longestCriticalPathMs == report.longestCaseWaitMs)
        #expect(report.results[1].checks.isEmpty)
    }

    @Test func read_RejectsAnUnsupportedSchemaVersion_SayingWhichItReads() {
        let error = readError { $0["schema_version"] = 2 }
        #expect(error?.path == "$.schema_version")
        #expect(error?.description == "$.schema_version: unsupported schema_version 2; this Understudy reads version 1")
    }

    @Test func read_NamesThePathOfAMalformedField() {
        let outcome = readError { $0["cases"] = .array(Self.cases { $0[1]["outcome"] = "passed" }) }
        #expect(outcome?.path == "$.cases[1].outcome")
        #expect(outcome?.reason == "expected one of pass, fail, non-strict, skipped, error, got 'passed'")
        let status = readError { $0["cases"] = .array(Self.cases { cases in
            guard case var .object(evidence) = cases[1]["evidence"], case var .array(exchanges) = evidence["exchanges"],
                  case var .object(exchange) = exchanges[0] else { return }
            exchange["status"] = "201"
            exchanges[0] = .object(exchange)
            evidence["exchanges"] = .array(exchanges)
            cases[1]["evidence"] = .object(evidence)
        }) }
        #expect(status?.description == "$.cases[1].evidence.exchanges[0].status: expected an integer, got string")
    }

    @Test func read_RejectsMissingAndUnknownKeysAndBadTimestamps() {
        #expect(readError { $0["jobs"] = nil }?.description == "$.jobs: missing")
        let unknown = readError { $0["colour"] = "blue" }
        #expect(unknown?.path == "$.colour")
        #expect(unknown?.reason.hasPrefix("unknown key; expected one of: baseline_file, capabilities, cases, ") == true)
        #expect(readError { $0["started_at"] = "yesterday" }?.path == "$.started_at")
        #expect(readError { $0["capabilities"] = ["a", 1] }?.description == "$.capabilities[1]: expected a string, got integer")
    }

    @Test func read_RejectsTextThatIsNotJSON() {
        #expect(throws: ReportReadError.self) { try RunReport(jsonBytes: Array("{\"schema_version\": ".utf8)) }
        #expect { try RunReport(jsonBytes: Array("[1,".utf8)) } throws: { ($0 as? ReportReadError)?.path == "$" }
    }

    @Test func timestamps_ParseOffsetsAndFractions() {
        #expect(Date(rfc3339: "2025-03-01T10:30:05.123+01:00") == Date(timeIntervalSince1970: 1_740_821_405.123))
        #expect(Date(rfc3339: "2025-03-01T09:30:05Z") == Date(timeIntervalSince1970: 1_740_821_405))
        #expect(Date(rfc3339: "2025-03-01T09:30:05.1Z") == Date(timeIntervalSince1970: 1_740_821_405.1))
        #expect(Date(rfc3339: "1969-12-31T23:59:59.999Z")?.rfc3339Milliseconds == "1969-12-31T23:59:59.999Z")
        #expect(Date(rfc3339: "2025-13-01T00:00:00Z") == nil)
        #expect(Date(rfc3339: "2025-03-01T09:30:05.Z") == nil)
    }

    /// The error reading the fixture's JSON after `change`.
    private func readError(_ change: (inout JSONObject) -> Void) -> ReportReadError? {
        guard case var .object(object) = RunReport.make().jsonValue else { return nil }
        change(&object)
        do { _ = try RunReport(json: .object(object)) } catch { return error }
        return nil
    }

    /// The fixture's `cases` as objects after `change`.
    private static func cases(_ change: (inout [JSONObject]) -> Void) -> [JSONValue] {
        var objects = RunReport.make().jsonValue["cases"]?.arrayValue?.compactMap(\.objectValue) ?? []
        change(&objects)
        return objects.map(JSONValue.object)
    }
}
