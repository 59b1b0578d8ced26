// Reading the rule tables out of the contract document.
@testable import Conformance
import Testing

@Suite struct ContractRuleTests {
    @Test func parse_ReadsIDLevelCapabilityAndSource() {
        let document = """
        | id | rule | level | source |
        | --- | --- | --- | --- |
        | `auth.api-key` | Every endpoint requires the key | MUST | F O |
        | `retry.retry-after` | honoured | SHOULD | X |
        | `background.early-answer` | early | MUST (capability `background`) | O X |
        | not a rule | x | MUST | F |
        """
        let rules = ContractRule.parse(document)
        #expect(rules.map(\.id) == ["auth.api-key", "retry.retry-after", "background.early-answer"])
        #expect(rules.map(\.level) == [.must, .should, .must])
        #expect(rules.map(\.capability) == [nil, nil, "background"])
        #expect(rules[0].source == "F O")
    }

    @Test func shippedContract_HasTheRulesTheSuiteNames() throws {
        let rules = try ContractRule.all()
        let byID = Dictionary(uniqueKeysWithValues: rules.map { ($0.id, $0) })
        #expect(byID["retry.retry-after"]?.level == .should)
        #expect(byID["oauth2.client-credentials"]?.capability == "oauth2")
        #expect(byID["execute.required"]?.source == "H X")
    }
}
