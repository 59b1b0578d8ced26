// One case's result as a `cases[]` entry of `run.json`, and back.
import Conformance
import JSONModel

extension CaseResult {
    /// The result as JSON: `{id, title, area, rule, level, source, capability, outcome, baselined, duration_ms,
    /// message, evidence, leftover_tools, checks}`, with null for an absent capability, message or evidence.
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
            "checks": .array(checks.map(\.jsonValue)),
        ]
    }

    /// Reads a `cases[]` entry.
    /// - Parameter path: the entry's path (`$.cases[3]`), for errors.
    /// - Throws: `ReportReadError` naming the first malformed field.
    init(json: JSONValue, at path: String) throws(ReportReadError) {
        let fields = try JSONFields(json, at: path, known: Self.jsonKeys)
        var evidence: Evidence?
        var checks: [CheckResult] = []
        if fields.optional("checks") != nil {
            for item in try fields.array("checks") { checks.append(try CheckResult(json: item.value, at: item.path)) }
        }
        if let value = fields.optional("evidence") { evidence = try Evidence(json: value, at: fields.path("evidence")) }
        self.init(id: try fields.string("id"), title: try fields.string("title"), area: try fields.string("area"),
                  rule: try fields.string("rule"), level: try fields.choice("level", RuleLevel.self),
                  source: try fields.string("source"), capability: try fields.optionalString("capability"),
                  outcome: try fields.choice("outcome", CaseOutcome.self), baselined: try fields.bool("baselined"),
                  durationMs: try fields.double("duration_ms"), message: try fields.optionalString("message"),
                  evidence: evidence,
                  leftoverTools: fields.optional("leftover_tools") == nil ? [] : try fields.strings("leftover_tools"),
                  checks: checks)
    }

    static let jsonKeys: Set<String> = [
        "id", "title", "area", "rule", "level", "source", "capability", "outcome", "baselined", "duration_ms", "message",
        "evidence", "leftover_tools", "checks",
    ]
}

extension CheckResult {
    /// `{rule, expectation, passed, observed}`, with null `observed` when the expectation held.
    public var jsonValue: JSONValue {
        [
            "rule": .string(rule),
            "expectation": .string(expectation),
            "passed": .bool(passed),
            "observed": observed.map(JSONValue.string) ?? .null,
        ]
    }

    init(json: JSONValue, at path: String) throws(ReportReadError) {
        let fields = try JSONFields(json, at: path, known: ["rule", "expectation", "passed", "observed"])
        self.init(rule: try fields.string("rule"), expectation: try fields.string("expectation"),
                  observed: try fields.optionalString("observed"))
        guard try fields.bool("passed") == (observed == nil) else {
            throw ReportReadError(path: fields.path("passed"), reason: "passed must be true exactly when observed is null")
        }
    }
}
