// The diff as JSON (`diff.json`): snake_case keys, the shape `diff.schema.json` describes.
import Conformance
import JSONModel

extension RunDiff {
    /// The version of `diff.json`'s shape (`schema_version`); bumped on incompatible changes.
    public static let schemaVersion = 1

    /// The diff as JSON: `{schema_version, regressed, old, new, run_differences, counts, cases}`, where `old` and `new`
    /// are `{suite_version, dialect, target_label, started_at, certified, cases}`, `counts` has one integer per class
    /// of change plus `unchanged`, and each of `cases` is `{id, title, level, change, old, new, reason}` with
    /// `old` / `new` `{outcome, baselined}` or null when the case is not in that run.
    public var jsonValue: JSONValue {
        var counts = JSONObject()
        for change in Change.allCases { counts[change.jsonKey] = .int(count(change)) }
        counts["unchanged"] = .int(unchanged)
        let object: JSONObject = [
            "schema_version": .int(Self.schemaVersion),
            "regressed": .bool(regressed),
            "old": old.jsonValue,
            "new": new.jsonValue,
            "run_differences": .array(runDifferences.map(JSONValue.string)),
            "counts": .object(counts),
            "cases": .array(entries.map(\.jsonValue)),
        ]
        return .object(object)
    }
}

extension RunDiff.Change {
    /// The key of this class in `counts`: `newly_failing`.
    var jsonKey: String { rawValue.replacingOccurrences(of: "-", with: "_") }
}

extension RunDiff.Run {
    var jsonValue: JSONValue {
        ["suite_version": .string(suiteVersion), "dialect": .string(dialect), "target_label": .string(targetLabel),
         "started_at": .string(startedAt.rfc3339Milliseconds), "certified": .bool(certified), "cases": .int(cases)]
    }
}

extension RunDiff.Entry {
    var jsonValue: JSONValue {
        ["id": .string(id), "title": .string(title), "level": .string(level.rawValue), "change": .string(change.rawValue),
         "old": old?.jsonValue ?? .null, "new": new?.jsonValue ?? .null, "reason": reason.map(JSONValue.string) ?? .null]
    }
}

extension RunDiff.Side {
    var jsonValue: JSONValue { ["outcome": .string(outcome.rawValue), "baselined": .bool(baselined)] }
}
