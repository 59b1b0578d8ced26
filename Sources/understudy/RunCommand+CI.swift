// What `understudy run` hands a CI system: GitHub's step summary and outputs, and a one-object JSON summary on stdout.
import Conformance
import Foundation
import JSONModel
import RunReports

/// The run's machine-readable ends: `--github` (or `GITHUB_ACTIONS=true`) and `--json`.
struct RunCIOutput {
    /// Append `summary.md` to `$GITHUB_STEP_SUMMARY` and write `certified`, `passed`, `failed` to `$GITHUB_OUTPUT`.
    var github: Bool
    /// Print only the run summary, as one JSON object, on stdout.
    var json: Bool

    /// GitHub mode when asked for, or when running inside GitHub Actions.
    init(githubFlag: Bool, json: Bool, environment: [String: String] = ProcessInfo.processInfo.environment) {
        github = githubFlag || environment["GITHUB_ACTIONS"] == "true"
        self.json = json
    }

    /// The run summary as one JSON object: the counts, whether it certified, and the report files written.
    static func summaryJSON(_ report: RunReport, reports: [URL]) -> JSONValue {
        let summary = report.summary
        return [
            "certified": .bool(report.certified),
            "passed": .int(summary.passed),
            "failed": .int(summary.failed),
            "errors": .int(summary.errored),
            "skipped": .int(summary.skipped),
            "non_strict": .int(summary.nonStrict),
            "total": .int(summary.total),
            "reports": .object(JSONObject(reports.map { ($0.lastPathComponent, JSONValue.string($0.path)) })),
        ]
    }

    /// Appends the Markdown summary to the step summary file and the outputs to the output file named by GitHub's
    /// environment; a variable that is not set is skipped (a local run with `--github`).
    /// - Returns: a line per file written, for the terminal.
    /// - Throws: `CocoaError` when a file named by the environment cannot be written.
    static func publishToGitHub(_ report: RunReport, markdown: String,
                                environment: [String: String] = ProcessInfo.processInfo.environment) throws -> [String] {
        var lines: [String] = []
        if let path = environment["GITHUB_STEP_SUMMARY"], !path.isEmpty {
            try append(markdown + "\n", to: path)
            lines.append("github: summary appended to \(path)")
        }
        if let path = environment["GITHUB_OUTPUT"], !path.isEmpty {
            let summary = report.summary
            try append("certified=\(report.certified)\npassed=\(summary.passed)\nfailed=\(summary.failed)\n", to: path)
            lines.append("github: outputs certified, passed, failed written to \(path)")
        }
        return lines
    }

    private static func append(_ text: String, to path: String) throws {
        if !FileManager.default.fileExists(atPath: path) {
            guard FileManager.default.createFile(atPath: path, contents: nil) else {
                throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
            }
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
    }
}
