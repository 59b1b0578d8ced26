// `understudy report`: re-renders the reports of an earlier run from its run.json.
import Conformance
import Foundation
import RunReports

enum ReportCommand {
    static let usage = """
    usage: understudy report REPORT.json [options]

    Reads a run's JSON report (run.json) and writes its other reports and its badge (badge.svg, badge.json) again,
    printing each file written.

    options:
      --format LIST       comma-separated formats: json, junit, md, html (default: html,md,junit)
      --report-dir DIR    where the reports go (default: the directory of REPORT.json)

    \(ReportDiffCommand.usage)

    \(ReportCompareCommand.usage)
    """

    /// The formats written when `--format` is absent: everything but the JSON that was read.
    static let defaultFormats: [ReportFormat] = [.html, .md, .junit]

    /// Reads the report, writes the selected formats, prints one line per file.
    /// - Throws: `UsageError` for bad flags, or a report file that is missing, unreadable or not a run report;
    ///   `ReportWriteError` when a report cannot be written.
    static func run(_ arguments: [String]) throws {
        if arguments.first == "diff" { try ReportDiffCommand.run(Array(arguments.dropFirst())) }
        if arguments.first == "compare" { return try ReportCompareCommand.run(Array(arguments.dropFirst())) }
        var reader = ArgumentReader(arguments)
        let formats = try reader.reportFormats(for: "run report", defaults: defaultFormats)
        let directoryPath = try reader.value("--report-dir")
        let positional = reader.positionals()
        try reader.finish()
        guard let path = positional.first else { throw UsageError(message: "report needs the path of a run.json") }
        guard positional.count == 1 else { throw UsageError(message: "unexpected argument '\(positional[1])'") }

        let report = try read(path)
        let file = URL(fileURLWithPath: path)
        let directory = directoryPath.map { URL(fileURLWithPath: $0, isDirectory: true) } ?? file.deletingLastPathComponent()
        for url in try ReportWriter.write(report, formats: formats, to: directory, redactor: nil) {
            print(url.path)
        }
    }

    /// The run report in the file at `path`; a usage error says why not.
    static func read(_ path: String) throws(UsageError) -> RunReport {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw UsageError(message: "no such file: \(path)")
        }
        guard !isDirectory.boolValue, let data = FileManager.default.contents(atPath: path) else {
            let why = isDirectory.boolValue ? "it is a directory" : "permission denied or I/O error"
            throw UsageError(message: "cannot read \(path): \(why)")
        }
        do {
            return try RunReport(jsonBytes: [UInt8](data))
        } catch {
            throw UsageError(message: "\(path) is not a run report: \(error)")
        }
    }
}
