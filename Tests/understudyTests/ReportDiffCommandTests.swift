// `understudy report diff` and `run --compare-to` as processes: exit codes (1 only on a newly failing case), the
// Markdown on stdout, the files written, escaping, and one-line usage errors.
import Foundation
import JSONModel
import XCTest

final class ReportDiffCommandTests: XCTestCase {
    private var folder: URL!
    /// Tests/reports/diff: recorded reports of two suite versions and both dialects (see its README).
    private let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("reports/diff")

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("understudy-diff-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private func fixture(_ name: String) -> String { fixtures.appendingPathComponent(name + ".json").path }
    private func written(_ name: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    }

    func test_diff_ExitsOne_WhenACaseIsNewlyFailing_AndPrintsWhatItWrites() throws {
        let result = try runUnderstudy(["report", "diff", fixture("feather-0.4.0"), fixture("feather-0.5.0"),
                                        "--report-dir", folder.path])
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertEqual(result.stderr, "")
        XCTAssertTrue(result.stdout.hasPrefix("# ❌ 2 newly failing cases since the run of 2026-11-02T08:00:00.000Z\n"))
        XCTAssertEqual(result.stdout, try written("diff.md"), "stdout is diff.md")
        XCTAssertEqual(result.stdout, try String(contentsOf: fixtures.appendingPathComponent("feather-upgrade.diff.md"),
                                                 encoding: .utf8), "the golden diff")
        let json = try JSONValue.parse(try written("diff.json"))
        XCTAssertEqual(json["regressed"], .bool(true))
        XCTAssertEqual(json["counts"]?["newly_failing"], .int(2))
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("diff.html").path),
                       "the default formats are md and json")
        XCTAssertFalse(result.stdout.contains("<script"), "the recorded hostile text is escaped")
    }

    func test_diff_ExitsZero_WhenNothingIsNewlyFailing_EvenWithFailuresStill() throws {
        let result = try runUnderstudy(["report", "diff", fixture("feather-0.5.0"), fixture("feather-0.5.0"),
                                        "--report-dir", folder.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.hasPrefix("# ✅ No new failures since the run of "))
        XCTAssertTrue(result.stdout.contains("## Still failing (3)"), result.stdout)
        XCTAssertEqual(try JSONValue.parse(try written("diff.json"))["regressed"], .bool(false))
    }

    func test_diff_AcrossDialects_WritesEveryFormatAsked() throws {
        let result = try runUnderstudy(["report", "diff", fixture("feather-0.4.0"), fixture("oneinbox-0.5.0"),
                                        "--format", "html,json,md", "--report-dir=\(folder.path)"])
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertTrue(result.stdout.contains("dialect feather → oneinbox"), result.stdout)
        let html = try written("diff.html")
        XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>"))
        XCTAssertFalse(html.contains("<script"))
        XCTAssertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        XCTAssertEqual(try written("diff.json"),
                       try String(contentsOf: fixtures.appendingPathComponent("feather-to-oneinbox.diff.json"), encoding: .utf8))
    }

    func test_diff_RefusesBadInput_WithOneLine_AndExitTwo() throws {
        let garbage = folder.appendingPathComponent("garbage.json")
        try "[1, 2".write(to: garbage, atomically: true, encoding: .utf8)
        let notADirectory = folder.appendingPathComponent("file")
        try "x".write(to: notADirectory, atomically: true, encoding: .utf8)
        let old = fixture("feather-0.4.0"), new = fixture("feather-0.5.0")
        let bad: [([String], String)] = [
            ([], "report diff needs two run reports: OLD.json NEW.json"),
            ([old], "report diff needs two run reports"),
            ([old, new, new], "unexpected argument '\(new)'"),
            ([old, new, "--bogus"], "unknown option --bogus"),
            ([old, new, "--format"], "--format needs a value"),
            ([old, new, "--format", "junit"], "--format: a diff has no junit form; diff formats: md, json, html"),
            ([old, new, "--format", "md,pdf"], "--format: unknown report format 'pdf'"),
            (["/nonexistent/old.json", new], "no such file: /nonexistent/old.json"),
            ([old, folder.path], "cannot read \(folder.path): it is a directory"),
            ([old, garbage.path], "\(garbage.path) is not a run report: $: not JSON"),
            ([old, new, "--report-dir", notADirectory.path], "cannot create the directory"),
        ]
        for (arguments, message) in bad {
            let result = try runUnderstudy(["report", "diff"] + arguments)
            let context = "\(arguments) -> \(result.status): \(result.stderr.prefix(300))"
            XCTAssertEqual(result.status, 2, context)
            let first = result.stderr.split(separator: "\n").first.map(String.init) ?? ""
            XCTAssertTrue(first.hasPrefix("understudy: ") && first.contains(message), context)
            XCTAssertFalse(result.stderr.contains("Fatal error"), context)
        }
        let help = try runUnderstudy(["report", "diff", "--help"])
        XCTAssertEqual(help.status, 0)
        XCTAssertTrue(help.stdout.contains("usage: understudy report diff OLD.json NEW.json [options]"))
    }

    func test_run_CompareTo_AddsTheDiff_AndKeepsItsOwnExitCode() throws {
        // The earlier run failed lifecycle.create.minimal's neighbour cases; the reference server passes them all.
        let result = try runUnderstudy(["run", "--only", "validate.name", "--compare-to", fixture("feather-0.4.0"),
                                        "--report-dir", folder.path, "--quiet"], timeout: 120)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains(folder.appendingPathComponent("diff.json").path), result.stdout)
        let summary = try written("summary.md")
        XCTAssertTrue(summary.contains("\n## ✅ No new failures since the run of 2026-11-02T08:00:00.000Z\n"), summary)
        XCTAssertTrue(summary.contains("- `validate.name.too-long` "), summary)
        XCTAssertTrue(try written("report.html").contains(#"<section class="comparison">"#))
        let diff = try JSONValue.parse(try written("diff.json"))
        XCTAssertEqual(diff["counts"]?["newly_passing"], .int(1))
        XCTAssertNil(try JSONValue.parse(try written("run.json"))["comparison"], "run.json stays the run's own")

        let missing = try runUnderstudy(["run", "--compare-to", "/nonexistent/run.json", "--report-dir", folder.path])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr == "understudy: --compare-to: no such file: /nonexistent/run.json (see 'understudy help run')\n", missing.stderr)
    }
}
