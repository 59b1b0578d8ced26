// The JSON Schema of `run.json`, shipped in the module's resources so tools can validate reports offline.
import Foundation

/// The JSON Schema (draft 2020-12) that every `run.json` satisfies.
public enum ReportSchema {
    /// The schema's `$id`; its trailing number is `RunReport.schemaVersion`.
    public static let id = "https://understudy.dev/schemas/run-report-1.json"

    /// The schema as JSON text.
    /// - Throws: `CocoaError` when the resource bundle is missing (a broken install), or the file's read error.
    public static func text() throws -> String {
        guard let url = Bundle.module.url(forResource: "run-report.schema", withExtension: "json") else {
            throw CocoaError(.fileNoSuchFile,
                             userInfo: [NSLocalizedDescriptionKey: "run-report.schema.json is missing from the RunReports bundle"])
        }
        return try String(contentsOf: url, encoding: .utf8)
    }
}
