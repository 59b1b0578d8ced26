// Reading the data file's JSON strictly: every wrong or missing field is a problem naming its path.
import Foundation
import JSONModel

/// What is wrong with a data file's content, at which path (e.g. `tools[2].status`).
struct SnapshotProblem: Error, Equatable, CustomStringConvertible {
    /// Dotted path of the offending field; empty for the whole document.
    var path: String
    var problem: String

    var description: String { path.isEmpty ? problem : "\(path) \(problem)" }
}

extension SnapshotProblem {
    /// A reader's `problem` at `path`, worded as the data file's problems are: `must be a string, got integer`.
    init(path: String, reading problem: JSONReadProblem) {
        switch problem {
        case let .missing(kind): self.init(path: path, problem: "must be \(kind.phrase), got nothing")
        case let .wrongType(kind, got): self.init(path: path, problem: "must be \(kind.phrase), got \(got.typeName)")
        case let .notOneOf(text, choices):
            self.init(path: path, problem: "must be one of \(choices.joined(separator: ", ")), got '\(text)'")
        default: self.init(path: path, problem: problem.description)
        }
    }
}

/// One JSON object of the data file with its dotted path, for typed reads that report where a value is wrong.
typealias SnapshotReader = JSONObjectReader<SnapshotProblem>

extension JSONObjectReader where Failure == SnapshotProblem {
    /// A reader over `value` at `path` (empty for the whole document).
    /// - Throws: `SnapshotProblem` when `value` is missing or not an object.
    init(_ value: JSONValue?, path: String) throws(SnapshotProblem) {
        try self.init(value, path: path, report: SnapshotProblem.init(path:reading:))
    }

    /// A date stored as seconds since Foundation's reference date (2001-01-01T00:00:00Z), which round-trips exactly.
    func date(_ key: String) throws(SnapshotProblem) -> Date { Date(timeIntervalSinceReferenceDate: try requiredNumber(key)) }
}

extension Date {
    /// This date as the data file stores it: seconds since 2001-01-01T00:00:00Z, exact.
    var snapshotJSON: JSONValue { .double(timeIntervalSinceReferenceDate) }
}
