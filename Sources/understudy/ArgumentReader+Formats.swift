// `--format LIST` read the same way by every command that writes reports: run, report, report diff, report compare.
import RunReports

extension ArgumentReader {
    /// `--format`'s comma-separated report formats, each of which `kind` must have a form in; `defaults` when absent.
    /// - Parameters:
    ///   - kind: what is written, for the message (`diff`, `comparison`).
    ///   - allowed: the formats `kind` has.
    /// - Throws: `UsageError` for an unknown or empty entry, or a format `kind` has no form in.
    mutating func reportFormats(for kind: String, allowed: [ReportFormat] = ReportFormat.allCases,
                                defaults: [ReportFormat]) throws(UsageError) -> [ReportFormat] {
        guard let text = try value("--format") else { return defaults }
        let formats: [ReportFormat]
        do { formats = try ReportFormat.parseList(text) } catch { throw UsageError(message: "--format: \(error)") }
        if let other = formats.first(where: { !allowed.contains($0) }) {
            throw UsageError(message: "--format: a \(kind) has no \(other.rawValue) form; \(kind) formats: "
                + allowed.map(\.rawValue).joined(separator: ", "))
        }
        return formats
    }
}
