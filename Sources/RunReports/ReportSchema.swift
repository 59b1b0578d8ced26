// The JSON Schema of `run.json`, compiled into the module (EmbedResources) so tools can validate reports offline.

/// The JSON Schema (draft 2020-12) that every `run.json` satisfies.
public enum ReportSchema {
    /// The schema's `$id`; its trailing number is `RunReport.schemaVersion`.
    public static let id = "https://understudy.dev/schemas/run-report-1.json"

    /// The schema as JSON text: `Resources/run-report.schema.json`, embedded at build time.
    /// - Throws: `EmbeddedResources.Missing` when the build did not embed the file (a build problem, not a user's).
    public static func text() throws -> String {
        try EmbeddedResources.text(named: "run-report.schema.json")
    }
}
