// How BodyReader collects JSONObjectReader's problems: each at its `loc`, in pydantic's words and types.
import JSONModel

/// A problem is what BodyReader's JSON object readers throw, each already worded and located, to be collected.
extension ValidationProblem: Error {}

extension BodyReader {
    /// A reader over one object of the body whose problems are pydantic's, located under `loc`. Its root path is empty,
    /// so the path of a problem is the key read (or empty for the value itself). Whole numbers count as integers, as in
    /// pydantic. `model` words a non-object as a schema'd model's problem; `wording`, when given, words every problem.
    static func reader(_ object: JSONObject = [:], at loc: Location, model: Bool = false,
                       wording: JSONReadProblem? = nil) -> JSONObjectReader<ValidationProblem> {
        JSONObjectReader(object: object, path: "", wholeNumbersAreIntegers: true) { path, problem in
            let words = Self.words(wording ?? problem, model: model)
            return ValidationProblem(loc: path.isEmpty ? loc : loc + [.key(path)], msg: words.msg, type: words.type)
        }
    }

    /// Runs one read over `object` (see `reader`), recording its problem, if any, instead of stopping.
    mutating func collect<Value>(_ object: JSONObject = [:], at loc: Location, model: Bool = false, wording: JSONReadProblem? = nil,
                                 _ read: (JSONObjectReader<ValidationProblem>) throws(ValidationProblem) -> Value?) -> Value? {
        Self.reader(object, at: loc, model: model, wording: wording).collecting(read) { append([$0]) }
    }

    /// Records `problem` at `loc` in pydantic's words.
    mutating func report(_ loc: Location, _ problem: JSONReadProblem, model: Bool = false) {
        let words = Self.words(problem, model: model)
        report(loc, words.msg, type: words.type)
    }

    /// Pydantic's message and type for `problem`; `model` tells a schema'd model from a free-form dict.
    static func words(_ problem: JSONReadProblem, model: Bool) -> (msg: String, type: String) {
        switch problem {
        case .missing: return ("Field required", "missing")
        case .wrongType(.string, _): return ("Input should be a valid string", "string_type")
        case .wrongType(.boolean, _): return ("Input should be a valid boolean", "bool_type")
        case .wrongType(.integer, _): return ("Input should be a valid integer", "int_type")
        case .wrongType(.number, _): return ("Input should be a valid number", "float_type")
        case .wrongType(.array, _): return ("Input should be a valid list", "list_type")
        case .wrongType(.object, _) where model:
            return ("Input should be a valid dictionary or object to extract fields from", "model_attributes_type")
        case .wrongType(.object, _): return ("Input should be a valid dictionary", "dict_type")
        case let .outOfRange(number, range):
            let below = number < range.lowerBound
            return rangeWords(below: below, bound: String(below ? range.lowerBound : range.upperBound))
        case let .notOneOf(_, choices): return ("Input should be \(alternatives(choices))", "enum")
        case .unknownKey: return ("Extra inputs are not permitted", "extra_forbidden")
        case .empty: return ("String should have at least 1 character", "string_too_short")
        case let .invalid(text): return ("Value error, \(text)", "value_error")
        }
    }

    /// Pydantic's words for a number below the lower or above the upper `bound` (as pydantic prints it).
    static func rangeWords(below: Bool, bound: String) -> (msg: String, type: String) {
        below ? ("Input should be greater than or equal to \(bound)", "greater_than_equal")
              : ("Input should be less than or equal to \(bound)", "less_than_equal")
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
