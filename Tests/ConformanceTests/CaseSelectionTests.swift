// Which cases a run includes: patterns, dialects, rerun sets, capabilities.
@testable import Conformance
import ToolContract
import Testing

@Suite struct CaseSelectionTests {
    @Test(arguments: [
        ("retry.backoff.full-jitter", "retry", true),
        ("retry.backoff.full-jitter", "retry.backoff", true),
        ("retry.backoff.full-jitter", "retry.back", false),
        ("retry.backoff.full-jitter", "retry.backoff.full-jitter", true),
        ("retry.backoff.full-jitter", "*jitter", true),
        ("retry.backoff.full-jitter", "retry.*.full-*", true),
        ("retry.backoff.full-jitter", "execute.*", false),
        ("retry.backoff.full-jitter", "*", true),
    ])
    func matches_ByIDPrefixOrGlob(id: String, pattern: String, expected: Bool) {
        #expect(CaseSelection.matches(id, pattern) == expected)
    }

    @Test func includes_AppliesDialectOnlySkipAndRerunSet() {
        let featherOnly = ConformanceCase.make("retry.count.at-most", dialects: [.feather])
        var configuration = RunConfiguration(target: "http://127.0.0.1:1/", apiKey: "k")
        #expect(configuration.target == "http://127.0.0.1:1")
        #expect(CaseSelection.includes(featherOnly, configuration))
        configuration.dialect = .oneinbox
        #expect(!CaseSelection.includes(featherOnly, configuration))
        configuration.dialect = .feather
        configuration.only = ["execute"]
        #expect(!CaseSelection.includes(featherOnly, configuration))
        configuration.only = ["retry"]
        configuration.skip = ["retry.count"]
        #expect(!CaseSelection.includes(featherOnly, configuration))
        configuration.skip = []
        configuration.caseIDs = ["other.case.id"]
        #expect(!CaseSelection.includes(featherOnly, configuration))
        configuration.caseIDs = ["retry.count.at-most"]
        #expect(CaseSelection.includes(featherOnly, configuration))
    }

    @Test func missingCapability_NamesTheUndeclaredOne() {
        #expect(CaseSelection.missingCapability("oauth2", declared: [.background]) == "oauth2")
        #expect(CaseSelection.missingCapability("oauth2", declared: [.oauth2]) == nil)
        #expect(CaseSelection.missingCapability(nil, declared: []) == nil)
    }
}

extension ConformanceCase {
    /// A case with no steps, for selection and runner tests.
    static func make(_ id: String, rule: String = "execute.required", dialects: Set<Dialect> = [.feather, .oneinbox],
                     capability: Capability? = nil, wait: Duration = .zero,
                     run: @escaping @Sendable (CaseContext) async throws -> Void = { _ in }) -> ConformanceCase {
        ConformanceCase(id, "a case", rule: rule, dialects: dialects, capability: capability, wait: wait, run: run)
    }
}
