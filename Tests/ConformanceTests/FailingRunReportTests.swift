// A run against a target that fails nearly everything, with huge answers, still gives reports a pipeline can post:
// summary.md under GitHub's 1 MiB step-summary limit with every failing case named, and a bounded junit.xml.
import Conformance
import HTTPWire
import JSONModel
import RunReports
import Testing

extension CatalogueRuns {
    @Suite struct FailingRunReportTests {
        /// Every JSON answer padded with 64 KiB, every execute answered 500 and every 422 turned into a 400: most cases
        /// fail or error, each with long bodies in its evidence.
        @Test func reportsOfAFailingTargetWithHugeAnswers_StayPostable() async throws {
            let padding = String(repeating: "p", count: 64 * 1024)
            var target = try ReferenceTarget.start(.feather) { configuration in
                configuration.deviations.rewritesAnswer = { request, response in
                    guard case var .object(object)? = try? JSONValue.parse(response.body) else { return response }
                    object["padding"] = .string(padding)
                    let status = request.path.hasSuffix("/execute") ? 500 : response.status == 422 ? 400 : response.status
                    return .json(status, JSONValue.object(object).encoded())
                }
            }
            target.configuration.timeoutScale = 2
            let report = try await target.run()
            let notPassing = report.results.filter { $0.outcome == .fail || $0.outcome == .error }
            #expect(notPassing.count > report.results.count / 3, "the defect fails many cases")

            let markdown = report.markdown
            #expect(markdown.utf8.count < 1024 * 1024)
            for result in notPassing { #expect(markdown.contains("`\(result.id)`: "), "\(result.id) is named") }
            #expect(report.junitXML.utf8.count < notPassing.count * (RunReport.junitEvidenceCharacters + 2000) + 100_000)
        }
    }
}
