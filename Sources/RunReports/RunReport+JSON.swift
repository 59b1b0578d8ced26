// The run report as JSON (`run.json`) and back: snake_case keys, the shape `run-report.schema.json` describes.
import Conformance
import Foundation
import JSONModel

extension RunReport {
    /// The report as JSON with snake_case keys, in the shape of `run-report.schema.json`.
    ///
    /// `started_at` is RFC 3339 UTC with milliseconds (the report keeps no finer time). The derived fields `summary`,
    /// `certified` and `wall_time_ratio` (duration / longest case wait; null when the wait is 0) are written for
    /// readers of the file, and recomputed by `init(json:)`.
    public var jsonValue: JSONValue {
        let object: JSONObject = [
            "schema_version": .int(Self.schemaVersion),
            "suite_version": .string(suiteVersion),
            "contract": .string(contract),
            "target": .string(target),
            "target_label": .string(targetLabel),
            "dialect": .string(dialect),
            "capabilities": .array(capabilities.map(JSONValue.string)),
            "started_at": .string(startedAt.rfc3339Milliseconds),
            "duration_ms": .double(durationMs),
            "longest_case_wait_ms": .double(longestCaseWaitMs),
            "longest_critical_path_ms": .double(longestCriticalPathMs),
            "wall_time_ratio": wallTimeRatio.map(JSONValue.double) ?? .null,
            "jobs": .int(jobs),
            "timeout_scale": .double(timeoutScale),
            "baseline_file": baselineFile.map(JSONValue.string) ?? .null,
            "stale_baseline": .array(staleBaseline.map(JSONValue.string)),
            "target_round_trip_ms": ["median": .double(targetRoundTrip.medianMs), "p95": .double(targetRoundTrip.p95Ms),
                                     "samples": .int(targetRoundTrip.samples)],
            "certified": .bool(certified),
            "summary": summary.jsonValue,
            "cases": .array(results.map(\.jsonValue)),
        ]
        return .object(object)
    }

    /// The run's wall time over the longest case critical path (how close the run came to its floor); nil when no
    /// case has one.
    public var wallTimeRatio: Double? { longestCriticalPathMs > 0 ? durationMs / longestCriticalPathMs : nil }

    /// Reads a report written by `jsonValue` (any JSON text in the shape of `run-report.schema.json`).
    ///
    /// `summary`, `certified` and `wall_time_ratio` are accepted but ignored: they are recomputed from the cases.
    /// - Throws: `ReportReadError` naming the path of the first malformed field, or `schema_version` when it is not
    ///   `RunReport.schemaVersion`.
    public init(json: JSONValue) throws(ReportReadError) {
        let fields = try JSONFields(json, at: "$")
        // The version first: a newer document's other keys would only produce a misleading error.
        let version = try fields.requiredInt("schema_version")
        guard version == Self.schemaVersion else {
            throw ReportReadError(path: fields.child("schema_version"),
                                  reason: "unsupported schema_version \(version); this Understudy reads version \(Self.schemaVersion)")
        }
        try fields.onlyKeys(Self.jsonKeys.sorted())
        let startedText = try fields.requiredString("started_at")
        guard let startedAt = Date(rfc3339: startedText) else {
            throw ReportReadError(path: fields.child("started_at"), reason: "expected an RFC 3339 timestamp, got '\(startedText)'")
        }
        var results: [CaseResult] = []
        for item in try fields.elements("cases") { results.append(try CaseResult(json: item.value, at: item.path)) }
        self.init(suiteVersion: try fields.requiredString("suite_version"), contract: try fields.requiredString("contract"),
                  target: try fields.requiredString("target"), targetLabel: try fields.requiredString("target_label"),
                  dialect: try fields.requiredString("dialect"), capabilities: try fields.strings("capabilities"),
                  startedAt: startedAt, durationMs: try fields.requiredNumber("duration_ms"),
                  longestCaseWaitMs: try fields.requiredNumber("longest_case_wait_ms"), jobs: try fields.requiredInt("jobs"),
                  timeoutScale: try fields.requiredNumber("timeout_scale"), baselineFile: try fields.string("baseline_file", nullable: true),
                  staleBaseline: try fields.strings("stale_baseline"), results: results,
                  targetRoundTrip: try Self.roundTrip(fields),
                  longestCriticalPathMs: try fields.number("longest_critical_path_ms", nullable: true))
    }

    /// `target_round_trip_ms`, or `.none` when absent (reports of suite versions before it).
    private static func roundTrip(_ fields: JSONFields) throws(ReportReadError) -> RoundTrip {
        guard let value = fields.value("target_round_trip_ms", nullable: true) else { return .none }
        let trip = try JSONFields(value, at: fields.child("target_round_trip_ms"), known: ["median", "p95", "samples"])
        return RoundTrip(medianMs: try trip.requiredNumber("median"), p95Ms: try trip.requiredNumber("p95"), samples: try trip.requiredInt("samples"))
    }

    /// Reads a report from JSON text (the bytes of a `run.json`).
    /// - Throws: `ReportReadError` at `$` when the text is not JSON, else as `init(json:)`.
    public init(jsonBytes: [UInt8]) throws(ReportReadError) {
        let json: JSONValue
        do { json = try JSONValue.parse(jsonBytes) } catch {
            throw ReportReadError(path: "$", reason: "not JSON: \(error)")
        }
        try self.init(json: json)
    }

    static let jsonKeys: Set<String> = [
        "schema_version", "suite_version", "contract", "target", "target_label", "dialect", "capabilities", "started_at",
        "duration_ms", "longest_case_wait_ms", "longest_critical_path_ms", "wall_time_ratio", "jobs", "timeout_scale", "baseline_file",
        "stale_baseline", "target_round_trip_ms", "certified", "summary", "cases",
    ]
}

extension RunSummary {
    /// The counts as JSON: `{total, passed, failed, non_strict, skipped, errored, baselined, stale, blocking}`.
    public var jsonValue: JSONValue {
        ["total": .int(total), "passed": .int(passed), "failed": .int(failed), "non_strict": .int(nonStrict),
         "skipped": .int(skipped), "errored": .int(errored), "baselined": .int(baselined), "stale": .int(stale),
         "blocking": .int(blocking)]
    }
}
