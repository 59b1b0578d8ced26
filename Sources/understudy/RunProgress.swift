// The run's terminal output: one line per finished case with a live count; colour only on a TTY without NO_COLOR.
import Conformance
import RunReports
import Foundation
import Synchronization

/// Prints progress lines as cases finish (from any thread, one line at a time).
final class RunProgress: Sendable {
    private let quiet: Bool
    private let colour: Bool
    private let redactor: Redactor
    private let lock = Mutex(())

    init(quiet: Bool, redactor: Redactor) {
        self.quiet = quiet
        self.redactor = redactor
        let environment = ProcessInfo.processInfo.environment
        // no-color.org: only a NO_COLOR that is present and not empty turns colour off.
        let noColor = environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        colour = isatty(STDOUT_FILENO) == 1 && !noColor && environment["TERM"] != "dumb"
    }

    /// One finished case: `[ 12/80] PASS      lifecycle.create.minimal  34 ms`, plus the reason when it did not pass.
    func finished(_ result: CaseResult, count: Int, total: Int) {
        guard !quiet else { return }
        let counter = "[\(String(format: "%\(String(total).count)d", count))/\(total)]"
        var line = "\(counter) \(label(result))  \(result.id)  \(result.durationMs.durationText)"
        if result.outcome != .pass, let message = result.message {
            line += "\n\(String(repeating: " ", count: counter.count + 1))\(redactor.redact(message))"
        }
        write(line)
    }

    /// The closing lines: tools left on the target, if any; counts, verdict, wall time against the longest case wait.
    /// - Parameter keptTools: the run kept its tools on purpose (`--keep-tools`).
    func summary(_ report: RunReport, keptTools: Bool) {
        let summary = report.summary
        var parts = ["\(summary.passed) passed", "\(summary.failed) failed", "\(summary.nonStrict) non-strict",
                     "\(summary.skipped) skipped", summary.errored.counted("error")]
        if summary.baselined > 0 { parts.append("\(summary.baselined) baselined") }
        if summary.stale > 0 {
            parts.append(summary.stale.counted("stale baseline entry", plural: "stale baseline entries") + ": "
                + report.staleBaseline.joined(separator: ", "))
        }
        let leftovers = report.leftoverTools
        if !leftovers.isEmpty {
            let why = keptTools ? "kept (--keep-tools)" : "could not be deleted"
            write("tools left on the target, \(why): " + leftovers.map { "\($0.toolID) (\($0.caseID))" }.joined(separator: ", "))
        }
        if !quiet { write("target round trip: \(report.targetRoundTrip.text); timing tolerances add its p95") }
        if !quiet, let longest = report.longestCase {
            write("longest case: \(longest.id), \(longest.durationMs.durationText) of the run's \(report.durationMs.durationText)")
        }
        let verdict = report.certified ? paint("CERTIFIED", 32) : paint("NOT CERTIFIED", 31)
        let ratio = report.wallTimeRatio.map {
            String(format: " (%.2fx the longest case critical path of %@)", $0, report.longestCriticalPathMs.durationText)
        } ?? ""
        write("\(verdict) (\(report.scope)): \(summary.total.counted("case")), \(parts.joined(separator: ", ")) in "
            + "\(report.durationMs.durationText)\(ratio)")
    }

    func line(_ text: String) { write(redactor.redact(text)) }

    private func label(_ result: CaseResult) -> String {
        let name = result.baselined ? "\(result.outcome.rawValue.uppercased())*" : result.outcome.rawValue.uppercased()
        let padded = name.padding(toLength: 11, withPad: " ", startingAt: 0)
        switch result.outcome {
        case .pass: return paint(padded, 32)
        case .fail: return paint(padded, result.baselined ? 33 : 31)
        case .nonStrict: return paint(padded, 33)
        case .skipped: return paint(padded, 36)
        case .error: return paint(padded, result.baselined ? 33 : 35)
        }
    }

    private func paint(_ text: String, _ code: Int) -> String { colour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }

    private func write(_ text: String) {
        lock.withLock { _ in Terminal.out((text + "\n")) }
    }
}
