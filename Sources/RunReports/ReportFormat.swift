// The report formats a run can write, their file names, and the `--format` list that selects them.
import Conformance
import Foundation

/// A report format and the file it is written to.
public enum ReportFormat: String, Sendable, CaseIterable {
    /// `run.json`: everything, machine-readable, in the shape of `run-report.schema.json`; `understudy report` reads it.
    case json
    /// `junit.xml`: for CI test charts.
    case junit
    /// `summary.md`: for pull requests and `$GITHUB_STEP_SUMMARY`.
    case md
    /// `report.html`: one self-contained page for people.
    case html

    /// The file the format is written to inside the report directory.
    public var fileName: String {
        switch self {
        case .json: return "run.json"
        case .junit: return "junit.xml"
        case .md: return "summary.md"
        case .html: return "report.html"
        }
    }

    /// The report rendered in this format.
    public func render(_ report: RunReport) -> String {
        switch self {
        case .json: return report.jsonValue.indentedText
        case .junit: return report.junitXML
        case .md: return report.markdown
        case .html: return report.html
        }
    }

    /// Parses a comma-separated list such as `json,junit,md,html` (spaces around names allowed, case ignored,
    /// duplicates dropped, order kept).
    /// - Throws: `ReportFormatError` for an empty list, an empty entry or an unknown name.
    public static func parseList(_ text: String) throws(ReportFormatError) -> [ReportFormat] {
        var formats: [ReportFormat] = []
        let entries = text.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard entries != [""] else { throw ReportFormatError(entry: "", list: text) }
        for entry in entries {
            guard let format = ReportFormat(rawValue: entry.lowercased()) else {
                throw ReportFormatError(entry: entry, list: text)
            }
            if !formats.contains(format) { formats.append(format) }
        }
        return formats
    }
}

/// A `--format` list naming something that is not a report format.
public struct ReportFormatError: Error, Equatable, CustomStringConvertible {
    /// The offending entry (empty for an empty entry or list).
    public var entry: String
    /// The whole list as given.
    public var list: String

    /// What was wrong with the list, and the valid formats.
    public var description: String {
        let valid = ReportFormat.allCases.map(\.rawValue).joined(separator: ", ")
        if list.trimmingCharacters(in: .whitespaces).isEmpty { return "no report format given; valid formats: \(valid)" }
        if entry.isEmpty { return "empty entry in report format list '\(list)'; valid formats: \(valid)" }
        return "unknown report format '\(entry)' in '\(list)'; valid formats: \(valid)"
    }
}
