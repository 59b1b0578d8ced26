// --format lists and file names.
import Testing
@testable import RunReports

@Suite struct ReportFormatTests {
    @Test func parseList_ReadsEveryFormat_InOrder() throws {
        #expect(try ReportFormat.parseList("json,junit,md,html") == [.json, .junit, .md, .html])
        #expect(try ReportFormat.parseList(" html , MD ,html") == [.html, .md])
    }

    @Test func parseList_NamesTheBadEntryAndTheValidOnes() {
        #expect(throws: ReportFormatError(entry: "pdf", list: "json,pdf")) { try ReportFormat.parseList("json,pdf") }
        let error = ReportFormatError(entry: "pdf", list: "json,pdf")
        #expect(error.description == "unknown report format 'pdf' in 'json,pdf'; valid formats: json, junit, md, html")
        #expect { try ReportFormat.parseList("json,,md") } throws: { "\($0)".hasPrefix("empty entry") }
        #expect { try ReportFormat.parseList("") } throws: { "\($0)".hasPrefix("no report format given") }
    }

    @Test func fileNames_AreTheDocumentedOnes() {
        #expect(ReportFormat.allCases.map(\.fileName) == ["run.json", "junit.xml", "summary.md", "report.html"])
    }

    @Test func schema_IsShippedAndNamesItsVersion() throws {
        let schema = try ReportSchema.text()
        #expect(schema.contains(#""$id": "\#(ReportSchema.id)""#))
        #expect(schema.contains(#""$schema": "https://json-schema.org/draft/2020-12/schema""#))
        #expect(schema.contains(#""const": 1"#))
    }
}
