// `understudy run --json` and `--github` as a CI job sees them: one JSON object on stdout, GitHub's summary and outputs.
import Foundation
import JSONModel
import XCTest

final class RunCIOutputTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("understudy-ci-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    func test_json_PrintsOnlyTheRunSummary_AsOneObject() throws {
        let reports = folder.appendingPathComponent("reports")
        let result = try runUnderstudy(["run", "--only", "lifecycle.create", "--report-dir", reports.path, "--json"], timeout: 60)
        XCTAssertEqual(result.status, 0, result.stderr)
        let summary = try JSONValue.parse(Array(result.stdout.utf8))
        XCTAssertEqual(result.stdout.split(separator: "\n").count, 1, "one line: \(result.stdout)")
        XCTAssertEqual(summary["certified"], true)
        let run = try JSONValue.parse([UInt8](Data(contentsOf: reports.appendingPathComponent("run.json"))))
        XCTAssertEqual(summary["passed"]?.intValue, run["summary"]?["passed"]?.intValue)
        XCTAssertGreaterThan(summary["passed"]?.intValue ?? 0, 0)
        for key in ["failed", "errors", "skipped", "non_strict"] { XCTAssertEqual(summary[key]?.intValue, 0, key) }
        XCTAssertEqual(summary["reports"]?["run.json"]?.stringValue, reports.appendingPathComponent("run.json").path)
    }

    func test_github_AppendsTheSummary_AndWritesTheOutputs_WithTheVerdictLast() throws {
        let stepSummary = folder.appendingPathComponent("step-summary.md")
        let outputs = folder.appendingPathComponent("outputs.txt")
        try "earlier step\n".write(to: stepSummary, atomically: true, encoding: .utf8)
        let reports = folder.appendingPathComponent("reports")
        let result = try runUnderstudy(["run", "--only", "lifecycle.create", "--report-dir", reports.path],
                                       environment: ["GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": stepSummary.path,
                                                     "GITHUB_OUTPUT": outputs.path], timeout: 60)
        XCTAssertEqual(result.status, 0, result.stderr)
        let appended = try String(contentsOf: stepSummary, encoding: .utf8)
        let written = try String(contentsOf: reports.appendingPathComponent("summary.md"), encoding: .utf8)
        XCTAssertEqual(appended, "earlier step\n" + written + "\n")
        let lines = try String(contentsOf: outputs, encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(lines.first, "certified=true")
        XCTAssertTrue(lines.contains { $0.hasPrefix("passed=") && $0 != "passed=0" }, "\(lines)")
        XCTAssertTrue(lines.contains("failed=0"))
        XCTAssertTrue(result.stdout.split(separator: "\n").last?.hasPrefix("CERTIFIED") == true, result.stdout)
    }

    func test_withoutGitHub_NothingIsWrittenThere() throws {
        let stepSummary = folder.appendingPathComponent("step-summary.md")
        let result = try runUnderstudy(["run", "--only", "lifecycle.create.minimal", "--report-dir", folder.appendingPathComponent("r").path],
                                       environment: ["GITHUB_ACTIONS": "", "GITHUB_STEP_SUMMARY": stepSummary.path], timeout: 60)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: stepSummary.path))
    }
}

/// Colour on a terminal follows no-color.org: a NO_COLOR that is present and not empty turns it off; an empty one
/// does not. The run gets a pseudo-terminal from util-linux's `script`.
final class RunColourTests: XCTestCase {
    private func verdictLine(noColor: String?) throws -> String {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else { throw XCTSkip("no /usr/bin/script") }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("understudy-colour-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let command = "\(understudyBinary().path) run --only lifecycle.create.minimal --report-dir \(folder.path)"
        // env sets or removes NO_COLOR for the run alone; script gives it a pseudo-terminal.
        let variable = noColor.map { ["NO_COLOR=\($0)"] } ?? ["-u", "NO_COLOR"]
        let output = try runProcess("/usr/bin/env", variable + ["TERM=xterm", "/usr/bin/script", "-qec", command, "/dev/null"])
        return output.split(whereSeparator: \.isNewline).last.map(String.init) ?? ""
    }

    func test_colour_OnATerminal_UnlessNO_COLORIsSetAndNotEmpty() throws {
        XCTAssertTrue(try verdictLine(noColor: nil).hasPrefix("\u{1B}[32mCERTIFIED"))
        XCTAssertTrue(try verdictLine(noColor: "").hasPrefix("\u{1B}[32mCERTIFIED"), "an empty NO_COLOR keeps colour")
        XCTAssertTrue(try verdictLine(noColor: "1").hasPrefix("CERTIFIED"), "NO_COLOR=1 turns it off")
    }
}
