// The shipped contract read once per process: its title, its rules by id and its clauses, parsed from one text.
import ToolContract

/// The contract document that `understudy run` certifies against, parsed once.
public struct ContractDocument: Sendable {
    /// The first heading, without `# ` ("Tool server contract v1").
    public var title: String
    /// The rule rows, in document order.
    public var rules: [ContractRule]
    /// The clause rows, in document order.
    public var clauses: [ContractClause]

    /// Each rule by its id (the first row wins if an id were repeated).
    public var rulesByID: [String: ContractRule] {
        Dictionary(rules.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Parses a contract document's text.
    init(_ text: String) {
        let first = text.split(separator: "\n").first.map(String.init) ?? ""
        title = first.hasPrefix("# ") ? String(first.dropFirst(2)) : first
        rules = ContractRule.parse(text)
        clauses = ContractClause.parse(text)
    }

    /// The contract this build embeds, parsed on first use.
    /// - Throws: `EmbeddedResources.Missing` when the build did not embed it (a broken install).
    public static func shipped() throws -> ContractDocument { try embedded.get() }

    private static let embedded = Result { ContractDocument(try ToolContract.document()) }
}
