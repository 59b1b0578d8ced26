// Golden files: recorded run reports of two suite versions and both dialects (Tests/reports/diff), diffed into
// diff.md, diff.json and diff.html byte for byte. UNDERSTUDY_UPDATE_GOLDEN=1 rewrites the golden files instead.
import Conformance
import Foundation
import Testing
@testable import RunReports

@Suite struct RunDiffGoldenTests {
    /// `Tests/reports/diff`: the recorded reports, their golden diffs, and a README saying how they were made.
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("reports/diff")

    /// (earlier report, later report, golden file stem).
    static let pairs = [("feather-0.4.0", "feather-0.5.0", "feather-upgrade"),
                        ("feather-0.4.0", "oneinbox-0.5.0", "feather-to-oneinbox")]

    static func report(_ name: String) throws -> RunReport {
        try RunReport(jsonBytes: [UInt8](try Data(contentsOf: folder.appendingPathComponent(name + ".json"))))
    }

    static func diff(_ old: String, _ new: String) throws -> RunDiff { RunDiff(old: try report(old), new: try report(new)) }

    @Test(arguments: pairs) func diff_MatchesItsGoldenFiles(old: String, new: String, stem: String) throws {
        let diff = try Self.diff(old, new)
        for format in ReportFormat.diffFormats {
            let text = format.render(diff) ?? ""
            let url = Self.folder.appendingPathComponent("\(stem).diff.\(format.rawValue)")
            if ProcessInfo.processInfo.environment["UNDERSTUDY_UPDATE_GOLDEN"] == "1" {
                try Data(text.utf8).write(to: url)
                continue
            }
            let golden = try String(contentsOf: url, encoding: .utf8)
            // The page's style sheet belongs to report.html and changes with it; the golden page starts at <body>.
            let compared = format == .html ? Self.body(text) : Substring(text)
            #expect(compared == (format == .html ? Self.body(golden) : Substring(golden)),
                    "\(url.lastPathComponent) differs; UNDERSTUDY_UPDATE_GOLDEN=1 rewrites it")
            if format != .json { #expect(!text.contains("<script"), "\(url.lastPathComponent) escapes the recorded hostile text") }
        }
    }

    /// The classes the fixtures were edited to produce (Tests/reports/diff/README.md), checked apart from the golden
    /// text so that a golden file rewritten from a broken diff cannot pass.
    @Test func diff_ClassesAreTheOnesTheFixturesWereEditedFor() throws {
        let upgrade = try Self.diff("feather-0.4.0", "feather-0.5.0")
        #expect(upgrade.runDifferences == ["suite version 0.4.0 → 0.5.0"])
        #expect(upgrade.entries(.newlyFailing).map(\.id) == ["lifecycle.create.minimal",
                                                              "lifecycle.enable-disable.disabled-never-executes"])
        #expect(upgrade.entries(.newlyPassing).map(\.id) == ["validate.name.too-long", "validate.url.not-http"])
        #expect(upgrade.entries(.stillFailing).map(\.id) == ["validate.timeout.below-1"])
        #expect(upgrade.entries(.added).map(\.id) == ["validate.transfer-both.destination-and-source"])
        #expect(upgrade.entries(.removed).map(\.id) == ["lifecycle.create.legacy-alias"])
        #expect(upgrade.entries(.changed).map(\.id) == ["auth.api-key.both-headers", "validate.name.longest-accepted"])
        #expect(upgrade.regressed)

        let across = try Self.diff("feather-0.4.0", "oneinbox-0.5.0")
        #expect(across.runDifferences.count == 3, "suite version, dialect and target label differ")
        #expect(across.entries(.newlyFailing).map(\.id) == ["auth.api-key.wrong", "validate.method.unknown"])
        #expect(across.entries(.newlyPassing).map(\.id) == ["validate.name.too-long", "validate.url.not-http"])
        #expect(across.count(.stillFailing) == 0 && across.count(.added) == 0 && across.count(.changed) == 0)
        #expect(across.entries(.removed).count == across.old.cases - across.new.cases)
        #expect(across.entries(.removed).contains { $0.id == "validate.timeout.below-1" && $0.old?.baselined == true })
        #expect(across.unchanged == across.new.cases - 4)

        let same = try Self.diff("feather-0.5.0", "feather-0.5.0")
        #expect(!same.regressed && same.entries.allSatisfy { $0.change == .stillFailing })
    }

    private static func body(_ html: String) -> Substring {
        guard let start = html.range(of: "<body>") else { return Substring(html) }
        return html[start.lowerBound...]
    }
}
