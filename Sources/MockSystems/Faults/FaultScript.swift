// The fault rules in force for a mock system, with their counters and the seeded generator they draw from.
import JSONModel

/// Ordered fault rules with per-rule counters and a seeded generator: a pure value, so that the same seed and
/// the same requests give the same decisions. Callers that share one across threads keep it in a `Mutex`.
public struct FaultScript: Sendable {
    /// The seed used when none is given.
    public static let defaultSeed = SeededGenerator.defaultSeed

    struct ScriptedRule: Sendable {
        var rule: FaultRule
        /// Requests the rule's match applied to.
        var matched = 0
        /// Requests the rule acted on.
        var fired = 0
    }

    /// The seed the generator starts from (again after `removeAll()`).
    public let seed: UInt64
    var entries: [ScriptedRule] = []
    var generator: SeededGenerator

    /// An empty script drawing from `seed`.
    public init(seed: UInt64 = FaultScript.defaultSeed, rules: [FaultRule] = []) {
        self.seed = seed
        generator = SeededGenerator(seed: seed)
        for rule in rules { add(rule) }
    }

    /// The rules, in the order they are tried.
    public var rules: [FaultRule] { entries.map(\.rule) }

    /// Appends `rule`; a rule with the same id is replaced in place instead, with fresh counters.
    public mutating func add(_ rule: FaultRule) {
        if let index = entries.firstIndex(where: { $0.rule.id == rule.id }) {
            entries[index] = ScriptedRule(rule: rule)
        } else {
            entries.append(ScriptedRule(rule: rule))
        }
    }

    /// Removes rule `id`. - Returns: false when there was none.
    @discardableResult
    public mutating func remove(id: String) -> Bool {
        guard let index = entries.firstIndex(where: { $0.rule.id == id }) else { return false }
        entries.remove(at: index)
        return true
    }

    /// Removes every rule and restarts the generator from `seed`, so the script behaves as a new one.
    public mutating func removeAll() {
        entries.removeAll()
        generator = SeededGenerator(seed: seed)
    }

    /// How many requests rule `id` matched and acted on, or nil for an unknown id.
    public func counters(for id: String) -> (matched: Int, fired: Int)? {
        entries.first { $0.rule.id == id }.map { ($0.matched, $0.fired) }
    }

    /// `{"seed", "rules": [...]}`, each rule as `ruleJSON` shows it.
    public var json: JSONValue {
        ["seed": .string(String(seed)), "rules": .array(rulesJSON)]
    }

    /// Each rule's JSON plus its progress: `matched` (requests its match applied to), `hits` (requests it acted
    /// on), `remaining` (uses left; null when unlimited) and `used_up` (it will never act again).
    public var rulesJSON: [JSONValue] {
        entries.map { entry in
            var object = entry.rule.json.objectValue ?? JSONObject()
            let remaining = Self.remaining(entry)
            object["matched"] = .int(entry.matched)
            object["hits"] = .int(entry.fired)
            object["remaining"] = remaining.map(JSONValue.int) ?? .null
            object["used_up"] = .bool(remaining == 0)
            return .object(object)
        }
    }

    /// Uses left: the smaller of what the scope and a status sequence allow; nil when neither ends.
    static func remaining(_ entry: ScriptedRule) -> Int? {
        var limits: [Int] = []
        switch entry.rule.scope {
        case .every, .probability: break
        case let .times(count): limits.append(count - entry.matched)
        case let .requests(_, to) where to != Int.max: limits.append(to - entry.matched)
        case .requests: break
        }
        if case let .statusSequence(statuses)? = entry.rule.action { limits.append(statuses.count - entry.fired) }
        return limits.min().map { max(0, $0) }
    }
}
