// The whole catalogue against the reference server: every case passes, in both dialects, five times over.
import ToolContract
import Conformance
import Testing

/// Whole-catalogue runs, one at a time: each run's timing cases measure the target's waits, so runs must not compete
/// with each other for the machine's two cores (the other suites still run beside them).
@Suite(.serialized) enum CatalogueRuns {}

extension CatalogueRuns {
    @Suite struct ReferenceServerRunTests {
        static let rounds = Array(1...5)

        @Test(arguments: Dialect.allCases, rounds)
        func everyCasePasses_AgainstTheReferenceServer(dialect: Dialect, round: Int) async throws {
            let report = try await ReferenceTarget.start(dialect).run()
            let notPassing = report.results.filter { $0.outcome != .pass }
            #expect(notPassing.isEmpty, "round \(round): \(notPassing.map { "\($0.id): \($0.outcome.rawValue) \($0.message ?? "")" })")
            #expect(report.results.count == Catalogue.all.filter { $0.dialects.contains(dialect) }.count)
            #expect(report.certified)
        }
    }
}
