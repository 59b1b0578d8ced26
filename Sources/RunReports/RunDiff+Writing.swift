// Writes a diff's files (`diff.md`, `diff.json`, `diff.html`), and renders a run's reports with the diff inside.
import Conformance
import Foundation

extension ReportFormat {
    /// The formats a diff can be written in: md, json, html (a diff has no JUnit form).
    public static let diffFormats: [ReportFormat] = [.md, .json, .html]

    /// The file a diff is written to in this format (`diff.md`); nil for JUnit.
    public var diffFileName: String? {
        switch self {
        case .md: return "diff.md"
        case .json: return "diff.json"
        case .html: return "diff.html"
        case .junit: return nil
        }
    }

    /// The diff rendered in this format; nil for JUnit.
    public func render(_ diff: RunDiff) -> String? {
        switch self {
        case .md: return diff.markdown
        case .json: return diff.jsonValue.indentedText
        case .html: return diff.html
        case .junit: return nil
        }
    }

    /// The run's report in this format with the diff against an earlier run inside, right after the verdict and
    /// counts: before the cases not passing in `summary.md` (the run's own part shrinks to keep the whole under
    /// `RunReport.markdownMaxBytes`), before the case list in `report.html`. `run.json` and `junit.xml` are the run's own, unchanged: the diff's
    /// JSON is `diff.json`.
    public func render(_ report: RunReport, comparedWith diff: RunDiff) -> String {
        switch self {
        case .md:
            let section = diff.markdown(headingLevel: 2, maxBytes: RunDiff.embeddedMarkdownMaxBytes)
            let own = report.markdown(maxBytes: RunReport.markdownMaxBytes - section.utf8.count - 2)
            return own.inserting("\n\n" + section, before: "\n\n## Cases not passing")
        case .html:
            return report.html.inserting(diff.htmlSection(heading: diff.headline) + "\n", before: "<section class=\"cases\">")
        case .json, .junit:
            return render(report)
        }
    }
}

extension RunDiff {
    /// Writes the diff in each of `formats` that has a diff form (duplicates once) to `directory`, creating it if
    /// needed; each file atomically, like the run's reports (`ReportWriter.write(_:to:)`).
    /// - Returns: the files written, in the order of `formats`.
    /// - Throws: `ReportWriteError` naming the directory or file that could not be written, and why.
    @discardableResult
    public func write(formats: [ReportFormat], to directory: URL) throws(ReportWriteError) -> [URL] {
        try ReportWriter.write(files(formats), to: directory)
    }

    /// The diff rendered in each of `formats` that has a diff form (duplicates once), as files to write.
    public func files(_ formats: [ReportFormat]) -> [(fileName: String, text: String)] {
        var files: [(fileName: String, text: String)] = []
        for format in formats {
            guard let name = format.diffFileName, let text = format.render(self),
                  !files.contains(where: { $0.fileName == name }) else { continue }
            files.append((name, text))
        }
        return files
    }
}

extension String {
    /// The text with `insertion` placed before the first `marker`, or at the end when there is none. Markers are
    /// markup the report writes itself (`<section class="cases">`), which escaped report strings cannot contain.
    func inserting(_ insertion: String, before marker: String) -> String {
        guard let range = range(of: marker) else { return self + insertion }
        return String(self[..<range.lowerBound]) + insertion + String(self[range.lowerBound...])
    }
}
