// The result of decoding a request body: the value with any warnings, or every problem found.
import JSONModel


/// A request body that failed validation: every problem found, not only the first.
public struct ValidationFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// All problems, errors and warnings, in the order found.
    public var problems: [ValidationProblem]

    /// Creates a failure.
    public init(problems: [ValidationProblem]) { self.problems = problems }

    /// The 422 body: `{"detail": [{"loc", "msg", "type"}, ...]}` (FastAPI's `HTTPValidationError`).
    public var detailJSON: JSONValue { ["detail": .array(problems.map(\.json))] }

    public var description: String {
        "request body failed validation: " + problems.map(\.description).joined(separator: "; ")
    }
}

/// What decoding produced: a valid value (perhaps with SHOULD-level warnings), or the problems that make it invalid.
public enum ValidationOutcome<Value: Sendable>: Sendable {
    /// Valid; `warnings` holds SHOULD-rule findings the server may still reject.
    case valid(Value, warnings: [ValidationProblem])
    /// Invalid; holds every problem found (errors and warnings).
    case invalid([ValidationProblem])

    /// Builds the outcome from a decoded value (nil when decoding failed) and the problems collected along the way.
    init(_ value: Value?, problems: [ValidationProblem]) {
        if let value, problems.allSatisfy({ $0.severity == .warning }) {
            self = .valid(value, warnings: problems)
        } else {
            self = .invalid(problems)
        }
    }

    /// Every problem, errors and warnings.
    public var problems: [ValidationProblem] {
        switch self {
        case let .valid(_, warnings): return warnings
        case let .invalid(problems): return problems
        }
    }

    /// The value, or nil when invalid (warnings are ignored).
    public var value: Value? {
        if case let .valid(value, _) = self { return value }
        return nil
    }

    /// The value, or the failure to answer with 422.
    /// - Parameter rejectingWarnings: whether warnings (SHOULD rules) reject the request too.
    /// - Throws: `ValidationFailure` with every problem when invalid, or when warnings are rejected and present.
    public func get(rejectingWarnings: Bool) throws(ValidationFailure) -> Value {
        switch self {
        case let .valid(value, warnings):
            if rejectingWarnings, !warnings.isEmpty { throw ValidationFailure(problems: warnings) }
            return value
        case let .invalid(problems):
            throw ValidationFailure(problems: problems)
        }
    }
}
