// Reading a contract document once: its title, its rules and its clauses from the same text.
@testable import Conformance
import Testing

@Suite struct ContractDocumentTests {
    @Test func init_ReadsTitleRulesAndClausesFromOneText() {
        let document = ContractDocument("""
        # Tool server contract v9

        | id | rule | level | source |
        | --- | --- | --- | --- |
        | `auth.api-key` | Every endpoint requires the key | MUST | F O |
        | `lifecycle.delete` | gone | MUST | X |

        | clause | condition |
        | --- | --- |
        | `lifecycle.delete#gone` | the deleted tool is then 404 |
        """)
        #expect(document.title == "Tool server contract v9")
        #expect(document.rules.map(\.id) == ["auth.api-key", "lifecycle.delete"])
        #expect(document.clauses.map(\.id) == ["lifecycle.delete#gone"])
        #expect(document.rulesByID["lifecycle.delete"]?.source == "X")
    }

    @Test func init_TitleWithoutHeadingMarkIsTheFirstLine() {
        #expect(ContractDocument("Contract\n| x |").title == "Contract")
        #expect(ContractDocument("").title == "")
    }

    @Test func shipped_IsTheEmbeddedContractParsed() throws {
        let shipped = try ContractDocument.shipped()
        #expect(shipped.title.contains("tool server contract") && !shipped.title.hasPrefix("#"))
        #expect(shipped.rules.count > 20 && shipped.clauses.count > 20)
        #expect(shipped.rulesByID.count == shipped.rules.count, "every rule id appears once")
    }
}
