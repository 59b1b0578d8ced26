// `understudy report diff`: what changed between two runs, case by case; exit 1 when a case is newly failing.
import Conformance
import Foundation
import RunReports

enum ReportDiffCommand {
    static let usage = """
    usage: understudy report diff OLD.json NEW.json [options]

    Compares two run reports (run.json) case by case, matched by id; the runs may be of different suite versions
    and dialects. Prints the Markdown diff and writes the selected formats as diff.md, diff.json, diff.html.
    A case is newly failing when it fails or errors now and did not before (it passed, was skipped or
    non-strict, or is new); baselined results count by their outcome.

    options:
      --format LIST       comma-separated formats: md, json, html (default: md,json)
      --report-dir DIR    where the diff files go (default Reports)

    exit status: 0 no case is newly failing; 1 a case is newly failing (the gate for "no new failures");
    2 usage error, or a file that cannot be read or is not a run report.
    """

    /// The formats written when `--format` is absent: the Markdown that is also printed, and the JSON for tools.
    static let defaultFormats: [ReportFormat] = [.md, .json]

    /// Reads both reports, prints the Markdown diff, writes the selected formats, exits 1 when a case is newly failing.
    /// - Throws: `UsageError` for bad flags or a report file that is missing, unreadable or not a run report;
    ///   `ReportWriteError` when a diff file cannot be written.
    static func run(_ arguments: [String]) throws -> Never {
        var reader = ArgumentReader(arguments)
        let formats = try reader.reportFormats(for: "diff", allowed: ReportFormat.diffFormats, defaults: defaultFormats)
        let directory = try reader.value("--report-dir") ?? "Reports"
        let positional = reader.positionals()
        try reader.finish()
        guard positional.count >= 2 else { throw UsageError(message: "report diff needs two run reports: OLD.json NEW.json") }
        guard positional.count == 2 else { throw UsageError(message: "unexpected argument '\(positional[2])'") }

        let diff = RunDiff(old: try ReportCommand.read(positional[0]), new: try ReportCommand.read(positional[1]))
        Terminal.out(diff.markdown)
        try diff.write(formats: formats, to: URL(fileURLWithPath: directory, isDirectory: true))
        exit(diff.regressed ? 1 : 0)
    }
}
