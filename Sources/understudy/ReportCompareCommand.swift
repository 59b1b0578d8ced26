// `understudy report compare`: several runs side by side, cases by run, as compare.html and compare.md.
import Foundation
import RunReports

enum ReportCompareCommand {
    static let usage = """
    usage: understudy report compare A.json B.json [C.json ...] [options]

    Reads two or more runs' JSON reports (of any suite versions and dialects) and writes a matrix of their cases by
    run, grouped by area with MUST scores, printing each file written.

    options:
      --label TEXT        a column's heading instead of the run's target label; once per report, in order
      --format LIST       comma-separated formats: html, md (default: html,md)
      --report-dir DIR    where compare.html and compare.md go (default: Reports)
    """

    /// The formats written when `--format` is absent.
    static let defaultFormats = RunComparison.formats
    /// Where the comparison goes when `--report-dir` is absent.
    static let defaultDirectory = "Reports"

    /// Reads the reports, writes the comparison, prints one line per file.
    /// - Throws: `UsageError` for bad flags, fewer than two reports, more labels than reports, or a report file that
    ///   is missing, unreadable or not a run report; `ReportWriteError` when the comparison cannot be written.
    static func run(_ arguments: [String]) throws {
        let (labels, others) = try labels(in: arguments)
        var reader = ArgumentReader(others)
        let formatList = try reader.value("--format")
        let directoryPath = try reader.nonEmptyValue("--report-dir")
        let paths = reader.positionals()
        try reader.finish()
        guard paths.count >= 2 else {
            throw UsageError(message: "report compare needs two or more run.json files, got \(paths.count)")
        }
        guard labels.count <= paths.count else {
            throw UsageError(message: "report compare: \(labels.count) --label for \(paths.count) reports; give at most one per report")
        }
        var formats = defaultFormats
        if let formatList {
            do { formats = try ReportFormat.parseList(formatList) } catch { throw UsageError(message: "--format: \(error)") }
            if let other = formats.first(where: { !RunComparison.formats.contains($0) }) {
                throw UsageError(message: "--format: a comparison is written as html and md, not \(other.rawValue)")
            }
        }
        let reports = try paths.map(ReportCommand.read)
        let directory = URL(fileURLWithPath: directoryPath ?? defaultDirectory, isDirectory: true)
        for url in try RunComparison(reports, labels: labels).write(formats: formats, to: directory) {
            print(url.path)
        }
    }

    /// Every `--label TEXT` (or `--label=TEXT`) in order, and the other arguments. `ArgumentReader` keeps the last of
    /// a repeated flag; labels are given once per report, so all are kept here.
    static func labels(in arguments: [String]) throws(UsageError) -> (labels: [String], others: [String]) {
        var labels: [String] = []
        var others: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            var label: String?
            if argument == "--label" {
                guard index + 1 < arguments.count, !arguments[index + 1].hasPrefix("--") else {
                    throw UsageError(message: "--label needs a value")
                }
                label = arguments[index + 1]
                index += 1
            } else if argument.hasPrefix("--label=") {
                label = String(argument.dropFirst("--label=".count))
            }
            if let label {
                guard !label.trimmingCharacters(in: .whitespaces).isEmpty else {
                    throw UsageError(message: "--label must not be empty")
                }
                labels.append(label)
            } else {
                others.append(argument)
            }
            index += 1
        }
        return (labels, others)
    }
}
