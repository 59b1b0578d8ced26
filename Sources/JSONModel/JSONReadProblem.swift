// What a JSON object reader found wrong with one value, as data, before each reader words it its own way.

/// The kinds of JSON value a reader asks for.
public enum JSONKind: String, Sendable, CaseIterable {
    case object, string, integer, number, boolean, array

    /// The kind as problem messages name it: `a string`, `an integer`, `true or false`.
    public var phrase: String {
        switch self {
        case .boolean: return "true or false"
        case .integer, .object, .array: return "an \(rawValue)"
        case .string, .number: return "a \(rawValue)"
        }
    }
}

/// One thing wrong with a value that `JSONObjectReader` read. A reader's report function turns it into that reader's
/// error; `description` is the wording the mock, definition and report readers share.
public enum JSONReadProblem: Sendable, Equatable, CustomStringConvertible {
    /// A required key is absent; the value should have been of this kind.
    case missing(JSONKind)
    /// The value is not of the kind asked for.
    case wrongType(expected: JSONKind, got: JSONValue)
    /// A key the object may not hold; `allowed` lists the keys it may, in the order a message names them.
    case unknownKey(allowed: [String])
    /// A string that must not be empty is.
    case empty
    /// An integer outside the range.
    case outOfRange(Int, ClosedRange<Int>)
    /// A string that names none of the choices.
    case notOneOf(String, choices: [String])
    /// A rule of the caller's own, in its own words.
    case invalid(String)

    /// `expected a string, got integer`, `must be 1 to 5, got 9`, `must be 0 or more, got -1`, ...
    public var description: String {
        switch self {
        case .missing: return "missing"
        case let .wrongType(expected, got): return "expected \(expected.phrase), got \(got.typeName)"
        case let .unknownKey(allowed): return "unknown key; expected one of: \(allowed.joined(separator: ", "))"
        case .empty: return "must not be empty"
        case let .outOfRange(number, range):
            let upper = range.upperBound == Int.max ? "or more" : "to \(range.upperBound)"
            return "must be \(range.lowerBound) \(upper), got \(number)"
        case let .notOneOf(text, choices): return "expected one of \(choices.joined(separator: ", ")), got '\(text)'"
        case let .invalid(text): return text
        }
    }
}
