// Reads typed fields out of a JSON body, collecting pydantic-style problems instead of stopping at the first.
import JSONModel

/// Typed access to request-body fields that records every problem with its `loc`: the collecting use of
/// `JSONObjectReader`, each problem worded as pydantic words it (`BodyReader+Pydantic.swift`). No coercion: a string is never
/// read as a number or a boolean (stricter than pydantic's lax mode, on purpose: configuration must say what it means).
struct BodyReader {
    private(set) var problems: [ValidationProblem] = []
    /// The deliberate departures from the contract that validation obeys (none by default; see `ContractDeviations`).
    let deviations: ContractDeviations

    init(deviations: ContractDeviations = ContractDeviations()) {
        self.deviations = deviations
    }

    /// Whether an error (not a warning) has been reported.
    var hasErrors: Bool { problems.contains { $0.severity == .error } }

    mutating func report(_ loc: Location, _ msg: String, type: String, severity: ProblemSeverity = .error) {
        problems.append(ValidationProblem(loc: loc, msg: msg, type: type, severity: severity))
    }

    /// A service-layer rule broken: pydantic's `value_error`, message prefixed "Value error, ".
    mutating func valueError(_ loc: Location, _ text: String) {
        report(loc, .invalid(text))
    }

    mutating func append(_ more: [ValidationProblem]) { problems.append(contentsOf: more) }

    /// The raw value at `key`: nil when absent (reported when `required`) or null in a `nullable` field.
    mutating func field(_ object: JSONObject, _ key: String, at loc: Location, required: Bool, nullable: Bool) -> JSONValue? {
        guard let value = object[key] else {
            if required { report(loc + [.key(key)], .missing(.object)) }
            return nil
        }
        if value == .null, nullable { return nil }
        return value
    }

    mutating func string(_ object: JSONObject, _ key: String, at loc: Location, required: Bool = false, nullable: Bool = false) -> String? {
        field(object, key, at: loc, required: required, nullable: nullable).flatMap { string($0, at: loc + [.key(key)]) }
    }

    mutating func string(_ value: JSONValue, at loc: Location) -> String? {
        collect(at: loc) { reader throws(ValidationProblem) in try reader.string(value, at: "") }
    }

    mutating func bool(_ object: JSONObject, _ key: String, at loc: Location, nullable: Bool = false) -> Bool? {
        collect(object, at: loc) { reader throws(ValidationProblem) in try reader.bool(key, nullable: nullable) }
    }

    mutating func int(_ object: JSONObject, _ key: String, at loc: Location, range: ClosedRange<Int>) -> Int? {
        collect(object, at: loc) { reader throws(ValidationProblem) in try reader.int(key, in: range) }
    }

    mutating func number(_ object: JSONObject, _ key: String, at loc: Location, range: ClosedRange<Double>) -> Double? {
        guard let number = collect(object, at: loc, { reader throws(ValidationProblem) in try reader.number(key) }) else { return nil }
        guard range.contains(number) else {
            let below = number < range.lowerBound
            let words = Self.rangeWords(below: below, bound: Self.format(below ? range.lowerBound : range.upperBound))
            report(loc + [.key(key)], words.msg, type: words.type)
            return nil
        }
        return number
    }

    /// An object field. `model` says whether it is a schema'd model (`model_attributes_type`) or a free-form dict.
    mutating func object(_ object: JSONObject, _ key: String, at loc: Location, required: Bool = false, nullable: Bool = true, model: Bool) -> JSONObject? {
        field(object, key, at: loc, required: required, nullable: nullable).flatMap { self.object($0, at: loc + [.key(key)], model: model) }
    }

    mutating func object(_ value: JSONValue, at loc: Location, model: Bool) -> JSONObject? {
        collect(at: loc, model: model) { reader throws(ValidationProblem) in try reader.reader(over: value, at: "").object }
    }

    mutating func array(_ object: JSONObject, _ key: String, at loc: Location, nullable: Bool = false) -> [JSONValue]? {
        collect(object, at: loc) { reader throws(ValidationProblem) in try reader.array(key, nullable: nullable) }
    }

    /// A string enum field; anything else is `enum` with pydantic's "Input should be 'a', 'b' or 'c'".
    mutating func choice<E: RawRepresentable & CaseIterable>(
        _ type: E.Type, _ object: JSONObject, _ key: String, at loc: Location, nullable: Bool = false
    ) -> E? where E.RawValue == String {
        let wording = JSONReadProblem.notOneOf("", choices: E.allCases.map(\.rawValue))
        return collect(object, at: loc, wording: wording) { reader throws(ValidationProblem) in try reader.choice(key, type, nullable: nullable) }
    }

    /// Reports `extra_forbidden` for each key not in `allowed` (schemas with `additionalProperties: false`).
    mutating func forbidExtras(_ object: JSONObject, allowed: Set<String>, at loc: Location) {
        for key in Self.reader(object, at: loc).unknownKeys(allowed) { report(loc + [.key(key)], .unknownKey(allowed: allowed.sorted())) }
    }
}
