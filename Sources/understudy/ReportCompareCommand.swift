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
        var reader = ArgumentReader(arguments)
        let labels = try reader.nonEmptyValues("--label")
        let formats = try reader.reportFormats(for: "comparison", allowed: RunComparison.formats, defaults: defaultFormats)
        let directoryPath = try reader.nonEmptyValue("--report-dir")
        let paths = reader.positionals()
        try reader.finish()
        guard paths.count >= 2 else {
            throw UsageError(message: "report compare needs two or more run.json files, got \(paths.count)")
        }
        guard labels.count <= paths.count else {
            throw UsageError(message: "report compare: \(labels.count) --label for \(paths.count) reports; give at most one per report")
        }
        let reports = try paths.map(ReportCommand.read)
        let directory = URL(fileURLWithPath: directoryPath ?? defaultDirectory, isDirectory: true)
        for url in try RunComparison(reports, labels: labels).write(formats: formats, to: directory) {
            print(url.path)
        }
    }
}
