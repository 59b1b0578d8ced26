// diff.json: the shape diff.schema.json describes, counts that agree with the cases, text that parses back.
import Conformance
import Foundation
import JSONModel
import Testing
@testable import RunReports

@Suite struct RunDiffJSONTests {
    /// `Sources/RunReports/Resources/diff.schema.json`, read from the source tree.
    static func schema() throws -> JSONValue {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/RunReports/Resources/diff.schema.json")
        return try JSONValue.parse([UInt8](try Data(contentsOf: url)))
    }

    @Test func json_ParsesBack_WithCountsThatAgreeWithTheCases() throws {
        let diff = RunDiffMarkdownTests.make()
        let json = try JSONValue.parse(ReportFormat.json.render(diff) ?? "")
        #expect(json == diff.jsonValue)
        #expect(json["schema_version"] == .int(RunDiff.schemaVersion))
        #expect(json["regressed"] == .bool(true))
        let cases = json["cases"]?.arrayValue ?? []
        for change in RunDiff.Change.allCases {
            let listed = cases.filter { $0["change"]?.stringValue == change.rawValue }.count
            #expect(json["counts"]?[change.jsonKey] == .int(listed), "\(change)")
        }
        #expect(json["counts"]?["unchanged"] == .int(0))
        #expect(json["old"]?["started_at"] == .string("2025-03-01T09:30:05.123Z"))
        #expect(json["run_differences"] == .array([]))
    }

    @Test func json_CasesSayBothSidesAndTheReason() throws {
        let cases = RunDiffMarkdownTests.make().jsonValue["cases"]?.arrayValue ?? []
        let added = cases.first { $0["id"] == .string("oauth.token.new") }
        #expect(added == ["id": "oauth.token.new", "title": "Title of oauth.token.new <b>", "level": "MUST", "change": "added",
                          "old": .null, "new": ["outcome": "skipped", "baselined": false],
                          "reason": "capability oauth2 not declared"])
        let removed = cases.first { $0["id"] == .string("oauth.gone") }
        #expect(removed?["new"] == .null && removed?["old"]?["outcome"] == .string("pass") && removed?["reason"] == .null)
        let still = cases.first { $0["id"] == .string("secrets.header.masked") }
        #expect(still?["old"]?["baselined"] == .bool(true) && still?["change"] == .string("still-failing"))
    }

    @Test func json_KeysAreTheSchemas() throws {
        let schema = try Self.schema()
        let json = RunDiffMarkdownTests.make().jsonValue
        func keys(_ value: JSONValue?) -> Set<String> { Set(value?.objectValue?.keys ?? []) }
        func required(_ value: JSONValue?) -> Set<String> { Set(value?["required"]?.arrayValue?.compactMap(\.stringValue) ?? []) }
        #expect(keys(json) == required(schema) && keys(json) == keys(schema["properties"]))
        #expect(keys(json["counts"]) == required(schema["properties"]?["counts"]))
        #expect(keys(json["old"]) == required(schema["$defs"]?["run"]))
        for item in json["cases"]?.arrayValue ?? [] { #expect(keys(item) == required(schema["$defs"]?["case"])) }
        let changes = schema["$defs"]?["case"]?["properties"]?["change"]?["enum"]?.arrayValue?.compactMap(\.stringValue)
        #expect(changes == RunDiff.Change.allCases.map(\.rawValue))
        #expect(schema["$defs"]?["case"]?["properties"]?["reason"]?["maxLength"] == .int(RunDiff.reasonMaxCharacters))
        #expect(schema["$defs"]?["case"]?["properties"]?["title"]?["maxLength"] == .int(RunDiff.titleMaxCharacters))
        #expect(schema["properties"]?["schema_version"]?["const"] == .int(RunDiff.schemaVersion))
    }

    @Test func json_StaysFarUnderAMebibyte_For500Cases() {
        let many = (0..<500).map { CaseResult.make("area.case-\($0)", outcome: .error, message: String(repeating: "\"why\" ", count: 500),
                                                    evidence: .make()) }
        let text = ReportFormat.json.render(RunDiff(old: .make(results: []), new: .make(results: many))) ?? ""
        #expect(text.utf8.count < 400 * 1024, "\(text.utf8.count) bytes")
        #expect(!text.contains(RunReport.plantedSecret), "no evidence bodies")
    }

    @Test func writer_WritesTheDiffFormats_AndSkipsJUnit() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("diff-\(UUID().uuidString)/nested")
        defer { try? FileManager.default.removeItem(at: directory.deletingLastPathComponent()) }
        let written = try RunDiffMarkdownTests.make().write(formats: [.html, .junit, .json, .html, .md], to: directory)
        #expect(written.map(\.lastPathComponent) == ["diff.html", "diff.json", "diff.md"])
        let text = try String(contentsOf: directory.appendingPathComponent("diff.md"), encoding: .utf8)
        #expect(text == RunDiffMarkdownTests.make().markdown)
    }

    @Test func reportWriter_WithAnEarlierRun_WritesDiffJSON_AndLeavesRunJSONAlone() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("diff-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        // A removed case's reason comes from the earlier run: it must be redacted too.
        let earlier = RunReport.make(results: [.make("gone.case", outcome: .fail, message: "old " + RunReport.plantedSecret)])
        let redactor = Redactor([RunReport.plantedSecret])
        let written = try ReportWriter.write(.make(), formats: [.json, .md, .html], to: directory, redactor: redactor,
                                             comparedWith: earlier)
        #expect(written.map(\.lastPathComponent).prefix(4) == ["run.json", "summary.md", "report.html", "diff.json"])
        let run = try RunReport(jsonBytes: [UInt8](try Data(contentsOf: directory.appendingPathComponent("run.json"))))
        #expect(run == RunReport.make().redacted(by: redactor), "run.json is the run's own, with no diff in it")
        // Each format escapes the mark its own way.
        for (name, mark) in [("summary.md", "old \\[redacted\\]"), ("report.html", "old [redacted]"), ("diff.json", "old [redacted]")] {
            let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
            #expect(text.contains("gone.case") && text.contains(mark), "\(name)")
            #expect(!text.contains(RunReport.plantedSecret), "\(name)")
        }
        let plain = try ReportWriter.write(.make(), formats: [.json], to: directory, redactor: nil)
        #expect(!plain.map(\.lastPathComponent).contains("diff.json"))
    }
}
