// The comparison's files (`compare.html`, `compare.md`) and writing them into a report directory.
import Foundation

extension RunComparison {
    /// The formats a comparison can be written in: html and md (it has no JSON or JUnit form).
    public static let formats: [ReportFormat] = [.html, .md]

    /// The comparison rendered in each of `formats` that it has a form in (duplicates once), as files to write:
    /// `compare.html` and `compare.md`.
    public func files(_ formats: [ReportFormat]) -> [(fileName: String, text: String)] {
        var seen: Set<ReportFormat> = []
        return formats.compactMap { format in
            guard seen.insert(format).inserted else { return nil }
            switch format {
            case .html: return ("compare.html", html)
            case .md: return ("compare.md", markdown)
            case .json, .junit: return nil
            }
        }
    }

    /// Writes the comparison in each of `formats` it has a form in to `directory`, creating it if needed; each file
    /// atomically, like a run's reports.
    /// - Returns: the files written, in the order of `formats`.
    /// - Throws: `ReportWriteError` naming the directory or file that could not be written, and why.
    @discardableResult
    public func write(formats: [ReportFormat], to directory: URL) throws(ReportWriteError) -> [URL] {
        try ReportWriter.write(files(formats), to: directory)
    }
}
