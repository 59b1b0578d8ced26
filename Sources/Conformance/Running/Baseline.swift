// Expected failures: listed cases may fail without failing the run, and must be removed once they pass.
import Foundation

/// A baseline file: one case id per line; `#` starts a comment (a reason, a ticket); blank lines are ignored.
public struct Baseline: Sendable, Equatable {
    /// Where it was read from, for the report.
    public var path: String
    /// The listed case ids.
    public var caseIDs: Set<String>

    public init(path: String, caseIDs: Set<String>) {
        self.path = path
        self.caseIDs = caseIDs
    }

    /// Reads a baseline file.
    /// - Throws: `BaselineError` when the file cannot be read or names a case the catalogue does not have.
    public static func load(path: String, knownIDs: Set<String>) throws(BaselineError) -> Baseline {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw BaselineError(message: "cannot read baseline file \(path)")
        }
        return try parse(text, path: path, knownIDs: knownIDs)
    }

    /// Parses baseline text; unknown ids are an error (a typo would otherwise hide a failure forever).
    public static func parse(_ text: String, path: String, knownIDs: Set<String>) throws(BaselineError) -> Baseline {
        var ids = Set<String>()
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let content = line.prefix { $0 != "#" }.trimmingCharacters(in: .whitespaces)
            guard !content.isEmpty else { continue }
            guard knownIDs.contains(content) else {
                throw BaselineError(message: "\(path):\(number + 1): '\(content)' is not a case id (see `understudy cases`)")
            }
            ids.insert(content)
        }
        return Baseline(path: path, caseIDs: ids)
    }
}

/// A baseline file that cannot be used.
public struct BaselineError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
