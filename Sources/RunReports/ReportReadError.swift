// Why a JSON document is not a run report this version can read, and where.

/// A run report's JSON was malformed or of an unsupported version.
///
/// `path` locates the problem in JSONPath style (`$.cases[3].outcome`), so a reader can find it in the file.
public struct ReportReadError: Error, Equatable, CustomStringConvertible {
    /// Where the problem is: `$` for the whole document, `$.cases[3].evidence.exchanges[0].status` for a field.
    public var path: String
    /// What is wrong there, and what was expected.
    public var reason: String

    /// A problem at `path`.
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    /// `path: reason`, e.g. `$.cases[3].outcome: expected one of pass, fail, non-strict, skipped, error, got 'passed'`.
    public var description: String { "\(path): \(reason)" }
}
