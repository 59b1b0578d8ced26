// Reading a fault rule from JSON, checking every value and range, with errors that name the key path.
import JSONModel

/// Reads a fault rule's JSON objects, throwing `FaultRuleError`s that name the key path.
typealias FaultReader = JSONObjectReader<FaultRuleError>

extension JSONObjectReader where Failure == FaultRuleError {
    /// A reader over `value`, an object at `path` in a fault rule (empty: the rule itself).
    init(_ value: JSONValue, path: String) throws(FaultRuleError) {
        try self.init(value, path: path) { FaultRuleError(keyPath: $0, problem: $1.description) }
    }
}

extension FaultRule {
    /// The keys a rule object may hold.
    public static let keys = ["id", "match", "times", "requests", "probability", "delay_ms", "action"]

    /// Parses `{"id", "match", "times" | "requests" | "probability", "delay_ms", "action"}` (see Mocks/README.md).
    /// - Throws: `FaultRuleError` naming the key for unknown keys, wrong types, values out of range, more than one
    ///   scope, or a rule with neither `action` nor `delay_ms`.
    public init(json: JSONValue) throws(FaultRuleError) {
        let reader = try FaultReader(json, path: "")
        try reader.onlyKeys(Self.keys)
        let match = try reader.object["match"].map { value throws(FaultRuleError) in try Self.match(value) } ?? FaultMatch()
        let delay = try Self.delay(reader)
        let action = try reader.object["action"].map { value throws(FaultRuleError) in try Self.action(value) }
        guard delay != nil || action != nil else {
            throw FaultRuleError(keyPath: "", problem: "a rule needs an action, a delay_ms, or both")
        }
        self.init(id: try reader.nonEmptyString("id"), match: match, scope: try Self.scope(reader), delay: delay, action: action)
    }

    private static func match(_ value: JSONValue) throws(FaultRuleError) -> FaultMatch {
        let reader = try FaultReader(value, path: "match")
        try reader.onlyKeys(["route", "method", "path", "header"])
        var header: FaultMatch.Header?
        if let value = reader.object["header"] {
            let headerReader = try FaultReader(value, path: "match.header")
            try headerReader.onlyKeys(["name", "value"])
            guard let name = try headerReader.nonEmptyString("name") else {
                throw headerReader.failure("name", "is required: the header's name, e.g. \"X-Fault\"")
            }
            header = FaultMatch.Header(name: name, value: try headerReader.string("value"))
        }
        return FaultMatch(route: try reader.nonEmptyString("route"), method: try reader.nonEmptyString("method"),
                          path: try reader.nonEmptyString("path").map(PathSelector.init), header: header)
    }

    private static func scope(_ reader: FaultReader) throws(FaultRuleError) -> FaultScope {
        let given = ["times", "requests", "probability"].filter { reader.object[$0] != nil }
        guard given.count <= 1 else {
            throw FaultRuleError(keyPath: given[1], problem: "use at most one of times, requests, probability; got \(given.joined(separator: " and "))")
        }
        if let times = try reader.int("times", in: 1...Int.max) { return .times(times) }
        if let value = reader.object["requests"] {
            let range = try FaultReader(value, path: "requests")
            try range.onlyKeys(["from", "to"])
            guard let from = try range.int("from", in: 1...Int.max) else {
                throw range.failure("from", "is required: the 1-based position of the first matching request to act on")
            }
            let to = try range.int("to", in: from...Int.max) ?? Int.max
            return .requests(from: from, to: to)
        }
        if let value = reader.object["probability"] {
            guard let probability = value.doubleValue else {
                throw reader.failure("probability", "expected a number from 0 to 1, got \(value.typeName)")
            }
            guard (0.0...1.0).contains(probability) else {
                throw reader.failure("probability", "must be from 0 to 1, got \(probability)")
            }
            return .probability(probability)
        }
        return .every
    }

    private static func delay(_ reader: FaultReader) throws(FaultRuleError) -> FaultDelay? {
        guard let value = reader.object["delay_ms"] else { return nil }
        let limit = 0...maxMilliseconds
        if case .object = value {
            let range = try FaultReader(value, path: "delay_ms")
            try range.onlyKeys(["min", "max"])
            guard let low = try range.int("min", in: limit) else { throw range.failure("min", "is required (milliseconds)") }
            guard let high = try range.int("max", in: limit) else { throw range.failure("max", "is required (milliseconds)") }
            guard low <= high else { throw range.failure("min", "must not exceed max, got min \(low) and max \(high)") }
            return .uniform(minMilliseconds: low, maxMilliseconds: high)
        }
        guard case .int = value else {
            throw reader.failure("delay_ms", "expected milliseconds as an integer or {\"min\", \"max\"}, got \(value.typeName)")
        }
        return .fixed(milliseconds: try reader.int(value, at: reader.child("delay_ms"), in: limit))
    }
}
