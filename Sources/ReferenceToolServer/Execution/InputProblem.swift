// Why an execute request's input was refused: 422 items in FastAPI's `{loc, msg, type}` shape.
import JSONModel

/// One thing wrong with an execute request's `input`, reported as an item of a 422 `detail` list.
public struct InputProblem: Sendable, Equatable {
    /// Where: always `["body", "input", <variable name>]`.
    public var loc: [String]
    /// What was wrong, in plain words, e.g. `Input should be a valid integer, got "4x"`.
    public var msg: String
    /// A machine-readable kind, after pydantic: `missing`, `string_type`, `int_type`, `int_parsing`,
    /// `int_from_float`, `float_type`, `float_parsing`, `bool_type`, `bool_parsing`.
    public var type: String

    /// A problem with the input variable `variable`.
    public init(variable: String, msg: String, type: String) {
        loc = ["body", "input", variable]
        self.msg = msg
        self.type = type
    }

    /// The item as JSON: `{"loc": [...], "msg": ..., "type": ...}`.
    public var json: JSONValue {
        ["loc": .array(loc.map(JSONValue.string)), "msg": .string(msg), "type": .string(type)]
    }
}

/// An execute request refused before anything was sent downstream; answer it with 422.
public struct InputRejection: Error, Sendable, Equatable, CustomStringConvertible {
    /// Every problem found, in the order the variables are declared; never empty.
    public var problems: [InputProblem]

    /// A rejection listing `problems`.
    public init(problems: [InputProblem]) { self.problems = problems }

    /// The 422 body: `{"detail": [{loc, msg, type}, ...]}`.
    public var json: JSONValue { ["detail": .array(problems.map(\.json))] }

    /// The problems on one line, e.g. `input.name: Field required; input.age: Input should be a valid integer`.
    public var description: String {
        problems.map { "input.\($0.loc.last ?? ""): \($0.msg)" }.joined(separator: "; ")
    }
}
