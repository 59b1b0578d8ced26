// One FastAPI-style validation problem: where (`loc`), what (`msg`) and which kind (`type`).
import JSONModel

/// One step of a problem's location: an object key or an array index, as FastAPI writes `loc`.
public enum LocationPart: Sendable, Hashable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, CustomStringConvertible {
    case key(String)
    case index(Int)

    public init(stringLiteral value: String) { self = .key(value) }
    public init(integerLiteral value: Int) { self = .index(value) }

    /// The part as it appears in `loc`: a string or an integer.
    public var json: JSONValue {
        switch self {
        case let .key(key): return .string(key)
        case let .index(index): return .int(index)
        }
    }

    public var description: String {
        switch self {
        case let .key(key): return key
        case let .index(index): return String(index)
        }
    }
}

/// Where a problem is: `["body", "configuration", "headers", 0, "value"]`.
public typealias Location = [LocationPart]

/// How a problem counts. Errors always reject the request; warnings come from SHOULD rules, and the server decides
/// whether to reject them (the reference server does, in strict mode) or accept the request.
public enum ProblemSeverity: String, Sendable, CaseIterable {
    case error
    case warning
}

/// One entry of a 422 answer's `detail`.
public struct ValidationProblem: Sendable, Equatable, CustomStringConvertible {
    /// Path to the offending field, starting with `"body"`.
    public var loc: Location
    /// What was wrong, for people.
    public var msg: String
    /// Pydantic-style kind: `missing`, `string_type`, `int_type`, `enum`, `value_error`, `extra_forbidden`, ...
    public var type: String
    /// Error or warning (a SHOULD rule).
    public var severity: ProblemSeverity

    /// Creates a problem; errors by default.
    public init(loc: Location, msg: String, type: String, severity: ProblemSeverity = .error) {
        self.loc = loc
        self.msg = msg
        self.type = type
        self.severity = severity
    }

    /// `{"loc": [...], "msg": ..., "type": ...}`.
    public var json: JSONValue {
        ["loc": .array(loc.map(\.json)), "msg": .string(msg), "type": .string(type)]
    }

    /// `body.configuration.timeout: Input should be ... (less_than_equal)`.
    public var description: String { "\(loc.map(\.description).joined(separator: ".")): \(msg) (\(type))" }
}

/// The type code of warning-level problems raised by the placeholder rule (a SHOULD).
public enum ProblemType {
    /// A `{{placeholder}}` names neither a variable (or parameter) nor `metadata.*`.
    public static let unknownPlaceholder = "unknown_placeholder"
}
