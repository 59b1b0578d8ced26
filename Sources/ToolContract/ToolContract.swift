// The written tool-server contract, compiled into every binary (EmbedResources) so each can print the version it checks.

/// The contract document that `understudy run` certifies against (`understudy contract` prints it), and its
/// OpenAPI 3.1 files, one per dialect (`understudy contract --openapi feather|oneinbox`).
public enum ToolContract {
    /// The dialects that have an OpenAPI file, in the order `understudy contract --help` names them.
    public static let openAPIDialects = ["feather", "oneinbox"]

    /// The contract as Markdown: `Resources/contract.md`, embedded at build time.
    /// - Throws: `EmbeddedResources.Missing` when the build did not embed the file (a build problem, not a user's).
    public static func document() throws -> String {
        try resource("contract.md")
    }

    /// The contract's OpenAPI 3.1 file for a dialect, as JSON text.
    /// - Parameter name: `feather` or `oneinbox`.
    /// - Throws: `UnknownDialect` for any other name; `EmbeddedResources.Missing` when the build did not embed the file.
    public static func openAPI(dialect name: String) throws -> String {
        guard openAPIDialects.contains(name) else { throw UnknownDialect(name: name) }
        return try resource("\(name).openapi.json")
    }

    /// A dialect name with no OpenAPI file.
    public struct UnknownDialect: Error, CustomStringConvertible {
        /// The name asked for.
        public var name: String
        public var description: String {
            "no OpenAPI file for dialect '\(name)'; have: \(ToolContract.openAPIDialects.joined(separator: ", "))"
        }
    }

    private static func resource(_ name: String) throws -> String {
        try EmbeddedResources.text(named: name)
    }
}
