// Planted secrets never reach a report: a server that leaks them makes failures whose evidence holds them, and
// every byte of every report format and every result message is searched.
@testable import Conformance
import Foundation
import ReferenceToolServer
import RunReports
import Testing

@Suite struct SecretRedactionTests {
    @Test func leakedSecrets_AreRedactedFromEveryReportAndMessage() async throws {
        let target = try ReferenceTarget.start { configuration in
            configuration.deviations.showsSecretsOnGet = true
            configuration.deviations.showsSecretsInRequestURL = true
            configuration.deviations.clientSecretHeader = "X-Leaked-Client-Secret"
        }
        let redactor = Redactor()
        let runner = ConformanceRunner(configuration: target.configuration, redactor: redactor)
        defer { target.server.stop() }
        let report = try await runner.run()

        // The leaks happened: the cases that watch for them failed, with evidence.
        let failed = report.results.filter { $0.outcome == .fail }.map(\.rule)
        #expect(failed.contains("secrets.masked") && failed.contains("oauth2.client-credentials"), "\(failed)")
        let secrets = redactor.values
        #expect(secrets.count >= 10, "planted secrets: \(secrets.count)")

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("understudy-secrets-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        // No redactor for the writer: the evidence itself must already be clean.
        let files = try ReportWriter.write(report, formats: ReportFormat.allCases, to: folder, redactor: nil)
        var outputs = try files.map { ($0.lastPathComponent, try String(contentsOf: $0, encoding: .utf8)) }
        outputs.append(("messages", report.results.compactMap(\.message).joined(separator: "\n")))
        for (name, text) in outputs {
            let leaked = secrets.filter { text.contains($0) }
            #expect(leaked.isEmpty, "\(name) holds \(leaked.count) secret(s)")
        }
        #expect(outputs.contains { $0.1.contains(Redactor.mark) }, "the leaked values show as \(Redactor.mark)")
    }
}
