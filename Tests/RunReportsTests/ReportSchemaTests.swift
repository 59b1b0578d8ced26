// The schema compiled into the binary is exactly Sources/RunReports/Resources/run-report.schema.json, its source.
import Foundation
import Testing
import RunReports

@Suite struct ReportSchemaTests {
    @Test func text_EqualsTheSchemaFile_ByteForByte() throws {
        let path = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/RunReports/Resources/run-report.schema.json").path
        let file = try #require(FileManager.default.contents(atPath: path), "\(path) is missing")
        #expect(Array(try ReportSchema.text().utf8) == Array(file))
    }
}
