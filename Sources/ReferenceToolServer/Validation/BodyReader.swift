// Reads typed fields out of a JSON body, collecting pydantic-style problems instead of stopping at the first.
import JSONModel

/// Typed access to request-body fields that records every problem with its `loc`. No coercion: a string is never
/// read as a number or a boolean (stricter than pydantic's lax mode, on purpose: configuration must say what it means).
struct BodyReader {
    private(set) var problems: [ValidationProblem] = []

    /// Whether an error (not a warning) has been reported.
    var hasErrors: Bool { problems.contains { $0.severity == .error } }

    mutating func report(_ loc: Location, _ msg: String, type: String, severity: ProblemSeverity = .error) {
        problems.append(ValidationProblem(loc: loc, msg: msg, type: type, severity: severity))
    }

    /// A service-layer rule broken: pydantic's `value_error`, message prefixed "Value error, ".
    mutating func valueError(_ loc: Location, _ text: String) {
        report(loc, "Value error, \(text)", type: "value_error")
    }

    mutating func append(_ more: [ValidationProblem]) { problems.append(contentsOf: more) }

    /// The raw value at `key`: nil when absent (reported when `required`) or null in a `nullable` field.
    mutating func field(_ object: JSONObject, _ key: String, at loc: Location, required: Bool, nullable: Bool) -> JSONValue? {
        guard let value = object[key] else {
            if required { report(loc + [.key(key)], "Field required", type: "missing") }
            return nil
        }
        if value == .null, nullable { return nil }
        return value
    }

    mutating func string(_ object: JSONObject, _ key: String, at loc: Location, required: Bool = false, nullable: Bool = false) -> String? {
        field(object, key, at: loc, required: required, nullable: nullable).flatMap { string($0, at: loc + [.key(key)]) }
    }

    mutating func string(_ value: JSONValue, at loc: Location) -> String? {
        if let text = value.stringValue { return text }
        report(loc, "Input should be a valid string", type: "string_type")
        return nil
    }

    mutating func bool(_ object: JSONObject, _ key: String, at loc: Location, nullable: Bool = false) -> Bool? {
        guard let value = field(object, key, at: loc, required: false, nullable: nullable) else { return nil }
        if let flag = value.boolValue { return flag }
        report(loc + [.key(key)], "Input should be a valid boolean", type: "bool_type")
        return nil
    }

    mutating func int(_ object: JSONObject, _ key: String, at loc: Location, range: ClosedRange<Int>) -> Int? {
        guard let value = field(object, key, at: loc, required: false, nullable: false) else { return nil }
        guard let number = value.intValue else {
            report(loc + [.key(key)], "Input should be a valid integer", type: "int_type")
            return nil
        }
        return checked(number, in: range, at: loc + [.key(key)], text: String(number < range.lowerBound ? range.lowerBound : range.upperBound))
    }

    mutating func number(_ object: JSONObject, _ key: String, at loc: Location, range: ClosedRange<Double>) -> Double? {
        guard let value = field(object, key, at: loc, required: false, nullable: false) else { return nil }
        guard let number = value.doubleValue else {
            report(loc + [.key(key)], "Input should be a valid number", type: "float_type")
            return nil
        }
        let bound = number < range.lowerBound ? range.lowerBound : range.upperBound
        return checked(number, in: range, at: loc + [.key(key)], text: Self.format(bound))
    }

    private mutating func checked<N: Comparable>(_ number: N, in range: ClosedRange<N>, at loc: Location, text: String) -> N? {
        if number < range.lowerBound {
            report(loc, "Input should be greater than or equal to \(text)", type: "greater_than_equal")
            return nil
        }
        if number > range.upperBound {
            report(loc, "Input should be less than or equal to \(text)", type: "less_than_equal")
            return nil
        }
        return number
    }

    /// An object field. `model` says whether it is a schema'd model (`model_attributes_type`) or a free-form dict.
    mutating func object(_ object: JSONObject, _ key: String, at loc: Location, required: Bool = false, nullable: Bool = true, model: Bool) -> JSONObject? {
        field(object, key, at: loc, required: required, nullable: nullable).flatMap { self.object($0, at: loc + [.key(key)], model: model) }
    }

    mutating func object(_ value: JSONValue, at loc: Location, model: Bool) -> JSONObject? {
        if let object = value.objectValue { return object }
        if model {
            report(loc, "Input should be a valid dictionary or object to extract fields from", type: "model_attributes_type")
        } else {
            report(loc, "Input should be a valid dictionary", type: "dict_type")
        }
        return nil
    }

    mutating func array(_ object: JSONObject, _ key: String, at loc: Location, nullable: Bool = false) -> [JSONValue]? {
        guard let value = field(object, key, at: loc, required: false, nullable: nullable) else { return nil }
        if let values = value.arrayValue { return values }
        report(loc + [.key(key)], "Input should be a valid list", type: "list_type")
        return nil
    }

    /// A string enum field; anything else is `enum` with pydantic's "Input should be 'a', 'b' or 'c'".
    mutating func choice<E: RawRepresentable & CaseIterable>(
        _ type: E.Type, _ object: JSONObject, _ key: String, at loc: Location, nullable: Bool = false
    ) -> E? where E.RawValue == String {
        guard let value = field(object, key, at: loc, required: false, nullable: nullable) else { return nil }
        if let text = value.stringValue, let choice = E(rawValue: text) { return choice }
        report(loc + [.key(key)], "Input should be \(Self.alternatives(E.allCases.map(\.rawValue)))", type: "enum")
        return nil
    }

    /// Reports `extra_forbidden` for each key not in `allowed` (schemas with `additionalProperties: false`).
    mutating func forbidExtras(_ object: JSONObject, allowed: Set<String>, at loc: Location) {
        for key in object.keys where !allowed.contains(key) {
            report(loc + [.key(key)], "Extra inputs are not permitted", type: "extra_forbidden")
        }
    }

    /// `'a', 'b' or 'c'`.
    static func alternatives(_ names: [String]) -> String {
        let quoted = names.map { "'\($0)'" }
        guard let last = quoted.last, quoted.count > 1 else { return quoted.first ?? "" }
        return quoted.dropLast().joined(separator: ", ") + " or " + last
    }

    /// `0.1`, `30`: a bound as pydantic prints it.
    static func format(_ number: Double) -> String {
        number.rounded() == number ? String(Int(number)) : String(number)
    }
}
