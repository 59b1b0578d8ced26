// `understudy run`, `cases` and `report` as processes: exit codes, reports on disk, usage errors, baselines, reruns.
import Foundation
import JSONModel
import XCTest

final class RunCommandTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("understudy-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private func report(_ directory: URL) throws -> JSONValue {
        try JSONValue.parse([UInt8](Data(contentsOf: directory.appendingPathComponent("run.json"))))
    }

    func test_run_WithNoTarget_CertifiesTheReferenceServer_AndWritesEveryReport() throws {
        let result = try runUnderstudy(["run", "--report-dir", folder.path], timeout: 120)
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        for name in ["run.json", "junit.xml", "summary.md", "report.html"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path), name)
        }
        let json = try report(folder)
        XCTAssertEqual(json["certified"], true)
        let cases = json["cases"]?.arrayValue ?? []
        XCTAssertGreaterThan(cases.count, 50)
        // One progress line per case with a live count, then the verdict; no colour codes off a TTY.
        let lines = result.stdout.split(separator: "\n")
        XCTAssertEqual(lines.filter { $0.hasPrefix("[") && $0.contains("/\(cases.count)]") }.count, cases.count)
        XCTAssertTrue(result.stdout.contains("CERTIFIED"))
        XCTAssertFalse(result.stdout.contains("\u{1B}["))
    }

    func test_run_StaleBaseline_Exits1_AndRerunFailedRunsOnlyTheFailedCases() throws {
        let id = "flagship.callback-assistant.end-to-end"
        let baseline = folder.appendingPathComponent("baseline.txt")
        try "# expected to fail\n\(id)\n".write(to: baseline, atomically: true, encoding: .utf8)
        let stale = try runUnderstudy(["run", "--only", "flagship", "--baseline", baseline.path, "--report-dir", folder.path, "--quiet"])
        XCTAssertEqual(stale.status, 1, stale.stdout + stale.stderr)
        XCTAssertTrue(stale.stdout.contains("stale baseline"), stale.stdout)
        XCTAssertEqual(try report(folder)["stale_baseline"], [.string(id)])

        // Mark one case failed in the report, then re-run only that one.
        var json = try report(folder)
        guard case var .object(root) = json, var cases = root["cases"]?.arrayValue, case var .object(first) = cases[0] else {
            return XCTFail("unexpected report shape")
        }
        first["outcome"] = "fail"
        cases[0] = .object(first)
        root["cases"] = .array(cases)
        json = .object(root)
        let edited = folder.appendingPathComponent("edited.json")
        try Data(json.encoded()).write(to: edited)
        let rerunDirectory = folder.appendingPathComponent("rerun")
        let rerun = try runUnderstudy(["run", "--rerun-failed", edited.path, "--report-dir", rerunDirectory.path, "--quiet"])
        XCTAssertEqual(rerun.status, 0, rerun.stdout + rerun.stderr)
        XCTAssertEqual(try report(rerunDirectory)["cases"]?.arrayValue?.compactMap { $0["id"]?.stringValue }, [id])
    }

    func test_run_UnreachableTarget_Exits2_WithoutPrintingTheKey() throws {
        let key = "planted-key-\(UUID().uuidString)"
        let result = try runUnderstudy(["run", "--target", "http://127.0.0.1:9", "--api-key", key, "--report-dir", folder.path])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("unreachable"), result.stderr)
        XCTAssertFalse((result.stdout + result.stderr).contains(key))
    }

    func test_cases_ListsTheCatalogue_AsTableAndJSON() throws {
        let table = try runUnderstudy(["cases"])
        XCTAssertEqual(table.status, 0)
        XCTAssertTrue(table.stdout.contains("flagship.callback-assistant.end-to-end"))
        let all = try runUnderstudy(["cases", "--json"])
        let oneInbox = try runUnderstudy(["cases", "--dialect", "oneinbox", "--json"])
        let allCases = try JSONValue.parse(all.stdout).arrayValue ?? []
        let oneInboxCases = try JSONValue.parse(oneInbox.stdout).arrayValue ?? []
        XCTAssertGreaterThan(allCases.count, oneInboxCases.count)
        XCTAssertFalse(oneInboxCases.isEmpty)
        for entry in oneInboxCases {
            XCTAssertTrue(entry["dialects"]?.arrayValue?.contains("oneinbox") == true)
            XCTAssertNotNil(entry["level"]?.stringValue)
            XCTAssertNotNil(entry["rule"]?.stringValue)
        }
    }

    func test_report_ReRendersFromTheJSON() throws {
        let run = try runUnderstudy(["run", "--only", "flagship", "--format", "json", "--report-dir", folder.path, "--quiet"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("report.html").path))
        let rendered = try runUnderstudy(["report", folder.appendingPathComponent("run.json").path, "--format", "html,md"])
        XCTAssertEqual(rendered.status, 0, rendered.stderr)
        let html = try String(contentsOf: folder.appendingPathComponent("report.html"), encoding: .utf8)
        XCTAssertTrue(html.contains("flagship.callback-assistant.end-to-end"))
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder.appendingPathComponent("summary.md").path))
    }
}
