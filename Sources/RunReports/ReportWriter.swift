// Writes a run's reports into a directory: one file per format, each redacted and written atomically.
import Conformance
import Foundation

/// Renders and writes reports.
public enum ReportWriter {
    /// Writes `report` in each of `formats` (duplicates written once) to `directory`, creating it if needed.
    ///
    /// The evidence was redacted when it was recorded; as a last line of defence for a secret that reached the report
    /// some other way, every string of the report goes through `redactor.redact` before rendering. Redacting the
    /// strings, not the rendered text, is what catches a secret a format escapes out of recognition (`&` in HTML).
    /// Each file is written atomically (a temporary file, then a rename), so a reader never sees half a report.
    /// With `earlier` (`run --compare-to`), `summary.md` and `report.html` hold the diff against that run, and
    /// `diff.json` is written beside `run.json` (which stays the run's own).
    ///
    /// The badge (`badge.svg`, `badge.json`: see `Badge`) is always written, whatever `formats` says: it is not a
    /// `ReportFormat` because a published badge must follow every run (a `--format json` CI run too), and it is two
    /// small files, not one report.
    /// - Returns: the files written, in the order of `formats` (then `diff.json`, then `badge.svg` and `badge.json`).
    /// - Throws: `ReportWriteError` naming the directory or file that could not be written, and why.
    @discardableResult
    public static func write(_ report: RunReport, formats: [ReportFormat], to directory: URL,
                             redactor: Redactor?, comparedWith earlier: RunReport? = nil) throws(ReportWriteError) -> [URL] {
        let clean = redactor.map(report.redacted(by:)) ?? report
        let diff = earlier.map { RunDiff(old: redactor.map($0.redacted(by:)) ?? $0, new: clean) }
        var files: [(fileName: String, text: String)] = []
        for format in formats where !files.contains(where: { $0.fileName == format.fileName }) {
            files.append((format.fileName, diff.map { format.render(clean, comparedWith: $0) } ?? format.render(clean)))
        }
        if let diff, formats.contains(.json) { files += diff.files([.json]) }
        return try write(files + Badge(clean).files, to: directory)
    }

    /// Writes each text to its file name in `directory`, creating it if needed, each file atomically; for files that
    /// are not a `ReportFormat` of a run (the badge, a comparison).
    /// - Returns: the files written, in order.
    /// - Throws: `ReportWriteError` naming the directory or file that could not be written, and why.
    public static func write(_ files: [(fileName: String, text: String)], to directory: URL) throws(ReportWriteError) -> [URL] {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw ReportWriteError(path: directory.path, reason: "cannot create the directory: \(error.localizedDescription)")
        }
        var written: [URL] = []
        for file in files {
            let url = directory.appendingPathComponent(file.fileName)
            do {
                try Data(file.text.utf8).write(to: url, options: .atomic)
            } catch {
                throw ReportWriteError(path: url.path, reason: "cannot write the file: \(error.localizedDescription)")
            }
            written.append(url)
        }
        return written
    }
}

/// A report file or directory that could not be written.
public struct ReportWriteError: Error, Equatable, CustomStringConvertible {
    /// The directory or file.
    public var path: String
    /// What went wrong.
    public var reason: String

    /// A failure to write `path`.
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    /// `path: reason`.
    public var description: String { "\(path): \(reason)" }
}
