// The writer: files per format in a created directory, redaction of a planted secret, errors that name the path.
import Conformance
import Foundation
import Testing
@testable import RunReports

@Suite struct ReportWriterTests {
    @Test func writer_CreatesTheDirectory_AndWritesOneFilePerFormat() throws {
        let directory = Self.temporaryDirectory().appendingPathComponent("nested/reports")
        defer { try? FileManager.default.removeItem(at: directory.deletingLastPathComponent()) }
        let written = try ReportWriter.write(.make(), formats: [.html, .json, .html], to: directory, redactor: nil)
        #expect(written.map(\.lastPathComponent) == ["report.html", "run.json", "badge.svg", "badge.json"])
        let json = try Data(contentsOf: directory.appendingPathComponent("run.json"))
        #expect(try RunReport(jsonBytes: [UInt8](json)) == .make())
    }

    @Test func writer_RedactsAPlantedSecret_InEveryFormat() throws {
        let directory = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // The second secret holds characters HTML and XML escape: it must go before rendering, not only after.
        var report = RunReport.make()
        report.results[1].message = "echoed a&b<c>secret"
        let redactor = Redactor([RunReport.plantedSecret, "a&b<c>secret"])
        let written = try ReportWriter.write(report, formats: ReportFormat.allCases, to: directory, redactor: redactor)
        #expect(written.count == 6)
        // The last two are the badge, which holds no report string to redact.
        for url in written.prefix(4) {
            let text = try String(contentsOf: url, encoding: .utf8)
            #expect(!text.contains(RunReport.plantedSecret), "\(url.lastPathComponent)")
            #expect(!text.contains("a&amp;b&lt;c&gt;secret") && !text.contains("a&b<c>secret"), "\(url.lastPathComponent)")
            #expect(text.contains(Redactor.mark), "\(url.lastPathComponent)")
        }
    }

    @Test func writer_NamesThePath_WhenItCannotWrite() throws {
        let file = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: file) }
        try Data("not a directory".utf8).write(to: file)
        let target = file.appendingPathComponent("reports")
        #expect {
            try ReportWriter.write(.make(), formats: [.md], to: target, redactor: nil)
        } throws: { error in
            (error as? ReportWriteError)?.path == target.path
        }
    }

    private static func temporaryDirectory() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("run-reports-\(UUID().uuidString)", isDirectory: true)
    }
}
