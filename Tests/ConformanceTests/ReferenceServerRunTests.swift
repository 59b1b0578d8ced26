// The whole catalogue against the reference server: every case passes, in both dialects, five times over.
import Conformance
import Testing

@Suite(.serialized) struct ReferenceServerRunTests {
    static let rounds = Array(1...5)

    @Test(arguments: TargetDialect.allCases, rounds)
    func everyCasePasses_AgainstTheReferenceServer(dialect: TargetDialect, round: Int) async throws {
        let report = try await ReferenceTarget.start(dialect).run()
        let notPassing = report.results.filter { $0.outcome != .pass }
        #expect(notPassing.isEmpty, "round \(round): \(notPassing.map { "\($0.id): \($0.outcome.rawValue) \($0.message ?? "")" })")
        #expect(report.results.count == Catalogue.all.filter { $0.dialects.contains(dialect) }.count)
        #expect(report.certified)
    }
}
