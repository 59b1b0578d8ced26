// The conditions each MUST rule lists, read from the contract's clause table: what a defective server may break alone.
import Foundation

/// One condition of a MUST rule (`lifecycle.delete#gone`: the deleted tool is then 404).
public struct ContractClause: Sendable, Equatable {
    /// `rule#clause`.
    public var id: String
    /// The condition's words.
    public var text: String

    /// The rule the clause belongs to: the id before `#`.
    public var rule: String { String(id.prefix { $0 != "#" }) }

    /// Every clause of the shipped contract, in document order.
    /// - Throws: `EmbeddedResources.Missing` when the build did not embed the contract (a broken install).
    public static func all() throws -> [ContractClause] { try ContractDocument.shipped().clauses }

    /// The clause rows of a contract document: two-column table rows whose first cell is a back-quoted `rule#clause`.
    static func parse(_ document: String) -> [ContractClause] {
        document.split(separator: "\n").compactMap { line -> ContractClause? in
            let cells = line.split(separator: "|", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count == 4, cells[1].hasPrefix("`"), cells[1].hasSuffix("`"), cells[1].contains("#") else { return nil }
            return ContractClause(id: String(cells[1].dropFirst().dropLast()), text: cells[2])
        }
    }
}
