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
        if fields.value("checks", nullable: true) != nil {
            for item in try fields.elements("checks") { checks.append(try CheckResult(json: item.value, at: item.path)) }
        }
        if let value = fields.value("evidence", nullable: true) { evidence = try Evidence(json: value, at: fields.child("evidence")) }
        self.init(id: try fields.requiredString("id"), title: try fields.requiredString("title"), area: try fields.requiredString("area"),
                  rule: try fields.requiredString("rule"), level: try fields.requiredChoice("level", RuleLevel.self),
                  source: try fields.requiredString("source"), capability: try fields.string("capability", nullable: true),
                  outcome: try fields.requiredChoice("outcome", CaseOutcome.self), baselined: try fields.requiredBool("baselined"),
                  durationMs: try fields.requiredNumber("duration_ms"), message: try fields.string("message", nullable: true),
                  evidence: evidence,
                  leftoverTools: fields.value("leftover_tools", nullable: true) == nil ? [] : try fields.strings("leftover_tools"),
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
        self.init(rule: try fields.requiredString("rule"), expectation: try fields.requiredString("expectation"),
                  observed: try fields.string("observed", nullable: true))
        guard try fields.requiredBool("passed") == (observed == nil) else {
            throw ReportReadError(path: fields.child("passed"), reason: "passed must be true exactly when observed is null")
        }
    }
}
