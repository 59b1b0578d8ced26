// `understudy report compare` and the badge as processes: files written and printed, labels, exit codes, usage errors.
import Foundation
import XCTest

final class ReportCompareCommandTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("understudy-compare-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    /// run.json of a real run of `only` in `dialect`, written to `name`/run.json, claiming `suiteVersion`.
    private func runReport(_ name: String, dialect: String, only: String, suiteVersion: String) throws -> String {
        let run = try runUnderstudy(["run", "--dialect", dialect, "--only", only, "--format", "json",
                                     "--report-dir", path(name), "--quiet"], timeout: 120)
        XCTAssertEqual(run.status, 0, run.stderr)
        let file = folder.appendingPathComponent(name).appendingPathComponent("run.json")
        let text = try String(contentsOf: file, encoding: .utf8)
        let versioned = text.replacingOccurrences(of: #""suite_version": "[^"]*""#, with: #""suite_version": "\#(suiteVersion)""#,
                                                  options: .regularExpression)
        XCTAssertTrue(versioned.contains(#""suite_version": "\#(suiteVersion)""#))
        try versioned.write(to: file, atomically: true, encoding: .utf8)
        return file.path
    }

    func test_compare_WritesHTMLAndMarkdown_OfRunsOfDifferentVersionsAndDialects_PrintingEachPath() throws {
        let feather = try runReport("feather", dialect: "feather", only: "flagship", suiteVersion: "0.4.0")
        let oneinbox = try runReport("oneinbox", dialect: "oneinbox", only: "lifecycle.create", suiteVersion: "0.5.1")
        let out = path("compare")
        let result = try runUnderstudy(["report", "compare", feather, oneinbox, "--label", "<b>ref</b> & co", "--report-dir", out])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, "\(out)/compare.html\n\(out)/compare.md\n")
        let html = try String(contentsOfFile: "\(out)/compare.html", encoding: .utf8)
        let markdown = try String(contentsOfFile: "\(out)/compare.md", encoding: .utf8)
        for text in [html, markdown] {
            XCTAssertTrue(text.contains("flagship.callback-assistant.end-to-end"))
            XCTAssertTrue(text.contains("lifecycle.create.minimal"))
            XCTAssertTrue(text.contains("0.4.0") && text.contains("0.5.1"))
            XCTAssertTrue(text.contains("&lt;b&gt;ref&lt;/b&gt; &amp; co"))
            XCTAssertFalse(text.contains("<b>ref"))
            XCTAssertTrue(text.contains("—"), "a case absent from a run")
        }
        XCTAssertTrue(html.contains("<code>oneinbox</code> · 0.5.1"))
        XCTAssertTrue(markdown.contains("`feather` 0.4.0"))
    }

    func test_compare_WritesOnlyTheFormatsAsked_AndLabelsByTargetWhenUnlabelled() throws {
        let first = try runReport("a", dialect: "feather", only: "flagship", suiteVersion: "0.4.0")
        let second = try runReport("b", dialect: "feather", only: "flagship", suiteVersion: "0.5.0")
        let out = path("md-only")
        let result = try runUnderstudy(["report", "compare", first, second, "--format", "md", "--report-dir", out])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, "\(out)/compare.md\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: "\(out)/compare.html"))
        let markdown = try String(contentsOfFile: "\(out)/compare.md", encoding: .utf8)
        XCTAssertTrue(markdown.contains("| Run | reference tool server (in-process, feather)<br>`feather` 0.4.0 | "
            + "reference tool server (in-process, feather)<br>`feather` 0.5.0 |"), markdown)
    }

    func test_report_ReRendersTheBadge() throws {
        let file = try runReport("run", dialect: "feather", only: "flagship", suiteVersion: "0.5.0")
        let directory = folder.appendingPathComponent("run")
        for name in ["badge.svg", "badge.json"] { try FileManager.default.removeItem(at: directory.appendingPathComponent(name)) }
        let result = try runUnderstudy(["report", file, "--format", "md"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout.split(separator: "\n").map { URL(fileURLWithPath: String($0)).lastPathComponent },
                       ["summary.md", "badge.svg", "badge.json"])
        let json = try String(contentsOf: directory.appendingPathComponent("badge.json"), encoding: .utf8)
        XCTAssertTrue(json.contains(#""message": "certified""#), json)
    }

    func test_compare_RefusesBadInput_WithExit2AndOneLine() throws {
        let report = try runReport("ok", dialect: "feather", only: "flagship", suiteVersion: "0.5.0")
        try "garbage {{{".write(toFile: path("garbage.json"), atomically: true, encoding: .utf8)
        let bad: [([String], String)] = [
            ([], "report compare needs two or more run.json files, got 0"),
            ([report], "report compare needs two or more run.json files, got 1"),
            ([report, "/nonexistent/run.json"], "no such file: /nonexistent/run.json"),
            ([report, folder.path], "cannot read \(folder.path): it is a directory"),
            ([report, path("garbage.json")], "\(path("garbage.json")) is not a run report"),
            ([report, report, "--label", "a", "--label", "b", "--label", "c"], "3 --label for 2 reports"),
            ([report, report, "--label"], "--label needs a value"),
            ([report, report, "--label="], "--label must not be empty"),
            ([report, report, "--format", "json"], "--format: a comparison has no json form; comparison formats: html, md"),
            ([report, report, "--format", "pdf"], "--format: unknown report format 'pdf'"),
            ([report, report, "--bogus"], "unknown option --bogus"),
        ]
        for (arguments, message) in bad {
            let result = try runUnderstudy(["report", "compare"] + arguments + ["--report-dir", path("out")])
            let context = "\(arguments.joined(separator: " ")) -> \(result.status): \(result.stderr.prefix(300))"
            XCTAssertEqual(result.status, 2, context)
            let first = result.stderr.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? ""
            XCTAssertTrue(first.hasPrefix("understudy: ") && first.contains(message), context)
            XCTAssertTrue(first.hasSuffix("(see 'understudy help report')") && !result.stderr.contains("usage:"), context)
            XCTAssertEqual(result.stdout, "", context)
            assertNoCrash(result.stdout + result.stderr, context)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("out")), "nothing is written on a usage error")
    }
}
