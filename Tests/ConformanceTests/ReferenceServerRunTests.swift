// The whole catalogue against the reference server: every case passes, in both dialects, repeatedly.
import Conformance
import Testing

@Suite struct ReferenceServerRunTests {
    @Test(arguments: TargetDialect.allCases)
    func everyCasePasses_AgainstTheReferenceServer(dialect: TargetDialect) async throws {
        let report = try await ReferenceTarget.start(dialect).run()
        let notPassing = report.results.filter { $0.outcome != .pass }
        #expect(notPassing.isEmpty, "\(notPassing.map { "\($0.id): \($0.outcome.rawValue) \($0.message ?? "")" })")
        #expect(!report.results.isEmpty)
    }
}
