// One case's result as a `cases[]` entry of `run.json`, and back.
import Conformance
import JSONModel

extension CaseResult {
    /// The result as JSON: `{id, title, area, rule, level, source, capability, outcome, baselined, duration_ms,
    /// message, evidence, leftover_tools}`, with null for an absent capability, message or evidence.
    public var jsonValue: JSONValue {
        [
            "id": .string(id),
            "title": .string(title),
            "area": .string(area),
            "rule": .string(rule),
            "level": .string(level.rawValue),
            "source": .string(source),
            "capability": capability.map(JSONValue.string) ?? .null,
            "outcome": .string(outcome.rawValue),
            "baselined": .bool(baselined),
            "duration_ms": .double(durationMs),
            "message": message.map(JSONValue.string) ?? .null,
            "evidence": evidence?.jsonValue ?? .null,
            "leftover_tools": .array(leftoverTools.map(JSONValue.string)),
        ]
    }

    /// Reads a `cases[]` entry.
    /// - Parameter path: the entry's path (`$.cases[3]`), for errors.
    /// - Throws: `ReportReadError` naming the first malformed field.
    init(json: JSONValue, at path: String) throws(ReportReadError) {
        let fields = try JSONFields(json, at: path, known: Self.jsonKeys)
        var evidence: Evidence?
        if let value = fields.optional("evidence") { evidence = try Evidence(json: value, at: fields.path("evidence")) }
        self.init(id: try fields.string("id"), title: try fields.string("title"), area: try fields.string("area"),
                  rule: try fields.string("rule"), level: try fields.choice("level", RuleLevel.self),
                  source: try fields.string("source"), capability: try fields.optionalString("capability"),
                  outcome: try fields.choice("outcome", CaseOutcome.self), baselined: try fields.bool("baselined"),
                  durationMs: try fields.double("duration_ms"), message: try fields.optionalString("message"),
                  evidence: evidence,
                  leftoverTools: fields.optional("leftover_tools") == nil ? [] : try fields.strings("leftover_tools"))
    }

    static let jsonKeys: Set<String> = [
        "id", "title", "area", "rule", "level", "source", "capability", "outcome", "baselined", "duration_ms", "message",
        "evidence", "leftover_tools",
    ]
}
