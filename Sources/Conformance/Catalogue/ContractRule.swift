// The contract's rules, read from the contract document the package ships, so cases cannot drift from its words.
import Foundation

/// MUST or SHOULD.
public enum RuleLevel: String, Sendable, CaseIterable {
    case must = "MUST"
    case should = "SHOULD"
}

/// One row of the contract's rule tables.
public struct ContractRule: Sendable, Equatable {
    /// The stable id (`execute.required`).
    public var id: String
    /// The rule's words.
    public var text: String
    public var level: RuleLevel
    /// The capability the rule needs (`background`), if the level column names one.
    public var capability: String?
    /// The sources, space separated (`F X`).
    public var source: String

    /// Every rule of the shipped contract, in document order.
    /// - Throws: `EmbeddedResources.Missing` when the build did not embed the contract (a broken install).
    public static func all() throws -> [ContractRule] { try ContractDocument.shipped().rules }

    /// The rule rows of a contract document: table rows whose first cell is a back-quoted id.
    static func parse(_ document: String) -> [ContractRule] {
        document.split(separator: "\n").compactMap { line -> ContractRule? in
            let cells = line.split(separator: "|", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            // "| `id` | text | level | source |" splits into ["", id, text, level, source, ""].
            guard cells.count == 6, cells[1].hasPrefix("`"), cells[1].hasSuffix("`") else { return nil }
            let level = cells[3]
            guard let ruleLevel = RuleLevel.allCases.first(where: { level.hasPrefix($0.rawValue) }) else { return nil }
            return ContractRule(id: String(cells[1].dropFirst().dropLast()), text: cells[2], level: ruleLevel,
                                capability: capability(in: level), source: cells[4])
        }
    }

    /// `background` from "MUST (capability `background`)".
    private static func capability(in level: String) -> String? {
        guard let start = level.range(of: "capability `") else { return nil }
        let rest = level[start.upperBound...]
        return rest.firstIndex(of: "`").map { String(rest[..<$0]) }
    }
}
