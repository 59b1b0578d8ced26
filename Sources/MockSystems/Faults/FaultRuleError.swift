// Why a fault rule could not be read.

/// A fault rule that failed to parse: the key path (e.g. `action.statuses[1]`) and what was wrong.
public struct FaultRuleError: Error, Equatable, CustomStringConvertible {
    /// Where the problem is, e.g. `delay_ms.min`; empty for the rule itself.
    public var keyPath: String
    public var problem: String

    public init(keyPath: String, problem: String) {
        self.keyPath = keyPath
        self.problem = problem
    }

    public var description: String { "fault rule\(keyPath.isEmpty ? "" : " \(keyPath)"): \(problem)" }
}
