// The written tool-server contract, shipped with the package so every binary can print the version it checks.
import Foundation

/// The contract document that `understudy run` certifies against (`understudy contract` prints it), and its
/// OpenAPI 3.1 files, one per dialect (`understudy contract --openapi feather|oneinbox`).
public enum ToolContract {
    /// The dialects that have an OpenAPI file, in the order `understudy contract --help` names them.
    public static let openAPIDialects = ["feather", "oneinbox"]

    /// The contract as Markdown.
    /// - Throws: `CocoaError` when the resource bundle is missing (a broken install).
    public static func document() throws -> String {
        try resource("contract", "md")
    }

    /// The contract's OpenAPI 3.1 file for a dialect, as JSON text.
    /// - Parameter name: `feather` or `oneinbox`.
    /// - Throws: `UnknownDialect` for any other name; `CocoaError` when the resource bundle is missing (a broken install).
    public static func openAPI(dialect name: String) throws -> String {
        guard openAPIDialects.contains(name) else { throw UnknownDialect(name: name) }
        return try resource("\(name).openapi", "json")
    }

    /// A dialect name with no OpenAPI file.
    public struct UnknownDialect: Error, CustomStringConvertible {
        /// The name asked for.
        public var name: String
        public var description: String {
            "no OpenAPI file for dialect '\(name)'; have: \(ToolContract.openAPIDialects.joined(separator: ", "))"
        }
    }

    private static func resource(_ name: String, _ fileExtension: String) throws -> String {
        guard let url = Bundle.module.url(forResource: name, withExtension: fileExtension) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "\(name).\(fileExtension) is missing from the ToolContract bundle"])
        }
        return try String(contentsOf: url, encoding: .utf8)
    }
}
