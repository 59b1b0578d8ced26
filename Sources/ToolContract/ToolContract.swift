// The written tool-server contract, shipped with the package so every binary can print the version it checks.
import Foundation

/// The contract document that `understudy run` certifies against (`understudy contract` prints it).
public enum ToolContract {
    /// The contract as Markdown.
    /// - Throws: `CocoaError` when the resource bundle is missing (a broken install).
    public static func document() throws -> String {
        guard let url = Bundle.module.url(forResource: "contract", withExtension: "md") else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "contract.md is missing from the ToolContract bundle"])
        }
        return try String(contentsOf: url, encoding: .utf8)
    }
}
