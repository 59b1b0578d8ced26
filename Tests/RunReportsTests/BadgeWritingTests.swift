// Every report write leaves the badge beside the reports, whatever the formats, as the run's verdict says.
import Conformance
import Foundation
import Testing
@testable import RunReports

@Suite struct BadgeWritingTests {
    @Test func writer_WritesTheBadge_WhateverTheFormats() throws {
        for formats in [[ReportFormat.json], [.md, .html], ReportFormat.allCases] {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("badge-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: directory) }
            let report = RunReport.make()
            let written = try ReportWriter.write(report, formats: formats, to: directory, redactor: nil)
            #expect(written.suffix(2).map(\.lastPathComponent) == ["badge.svg", "badge.json"])
            let svg = try String(contentsOf: directory.appendingPathComponent("badge.svg"), encoding: .utf8)
            let json = try String(contentsOf: directory.appendingPathComponent("badge.json"), encoding: .utf8)
            #expect(svg == Badge(report).svg)
            #expect(json == Badge(report).endpointJSON)
        }
    }

    @Test func writer_NamesTheBadgesPath_WhenItCannotWrite() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("badge-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        // A directory where badge.svg should go: the rename onto it fails.
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("badge.svg/inside"),
                                                withIntermediateDirectories: true)
        #expect {
            try ReportWriter.write(.make(), formats: [.md], to: directory, redactor: nil)
        } throws: { error in
            (error as? ReportWriteError)?.path == directory.appendingPathComponent("badge.svg").path
        }
    }
}
