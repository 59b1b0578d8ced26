// The catalogue's invariants: unique stable ids, every contract rule checked, every case naming a real rule.
@testable import Conformance
import Testing

@Suite struct CatalogueTests {
    @Test func caseIDs_AreUniqueAndShaped() {
        let ids = Catalogue.all.map(\.id)
        #expect(Set(ids).count == ids.count, "duplicates: \(Dictionary(grouping: ids, by: { $0 }).filter { $1.count > 1 }.keys.sorted())")
        for id in ids {
            let parts = id.split(separator: ".", omittingEmptySubsequences: false)
            #expect(parts.count >= 3 && parts.allSatisfy { !$0.isEmpty }, "\(id) is not area.rule-part.variant")
            #expect(id.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "." || $0 == "-" }, "\(id) has characters outside [a-z0-9.-]")
        }
    }

    @Test func everyContractRule_IsCheckedByACase() throws {
        let rules = try ContractRule.all()
        #expect(rules.count >= 40, "the contract parser found only \(rules.count) rules")
        let checked = Set(Catalogue.all.map(\.rule))
        let unchecked = rules.map(\.id).filter { !checked.contains($0) }
        #expect(unchecked.isEmpty, "rules without a case: \(unchecked)")
    }

    @Test func everyCase_NamesAContractRuleAndADialect() throws {
        let ruleIDs = Set(try ContractRule.all().map(\.id))
        for testCase in Catalogue.all {
            #expect(ruleIDs.contains(testCase.rule), "\(testCase.id) names unknown rule \(testCase.rule)")
            #expect(!testCase.dialects.isEmpty, "\(testCase.id) applies to no dialect")
            #expect(!testCase.title.isEmpty && testCase.wait >= .zero)
        }
    }

    @Test func flagshipScenario_IsInTheCatalogue() {
        #expect(Catalogue.all.contains { $0.id == "flagship.callback-assistant.end-to-end" })
    }
}
