// Checks an execute request's input against the tool's variables, after applying the operator's defaults.
import JSONModel

/// The input values a plan executes with: produced only by `InputResolution.resolve`, so holding one means the
/// input was checked.
public struct ResolvedInput: Sendable, Equatable {
    /// Values by variable name, coerced to their declared types.
    public let values: JSONObject

    init(values: JSONObject) { self.values = values }
}

/// Validates and coerces the `input` of an execute request. Pure: no I/O, the same input gives the same answer.
///
/// Rules, in order:
/// 1. `input_defaults`: a `pinned` value replaces the caller's; a `default` value fills a variable the caller left
///    out (or sent as `null`).
/// 2. A JSON `null` counts as absent. A required variable still absent is `missing`.
/// 3. Each present value must have its variable's type; strings are coerced only when exact (see `VariableType`).
/// 4. Keys that name no declared variable are passed through unchecked, so templates can still use them.
///
/// Every problem is reported at once, never just the first, so a caller can fix all fields in one go.
public enum InputResolution {
    /// Applies defaults, checks and coerces `input`.
    /// - Parameters:
    ///   - input: the request's `input` object.
    ///   - variables: the tool's declared variables.
    ///   - defaults: operator-configured values by variable name.
    /// - Returns: the values to execute with.
    /// - Throws: `InputRejection` listing every missing or mistyped variable; then nothing may be sent downstream.
    public static func resolve(_ input: JSONObject, variables: [ExecutionPlan.Variable],
                               defaults: [String: ExecutionPlan.InputDefault] = [:]) throws(InputRejection) -> ResolvedInput {
        var values = withDefaults(input, defaults)
        var problems: [InputProblem] = []
        for variable in variables {
            guard let value = values[variable.name] else {
                if variable.required { problems.append(InputProblem(variable: variable.name, msg: "Field required", type: "missing")) }
                continue
            }
            switch coerce(value, to: variable.type) {
            case let .success(coerced): values[variable.name] = coerced
            case let .failure(problem):
                problems.append(InputProblem(variable: variable.name, msg: problem.message, type: problem.kind))
            }
        }
        guard problems.isEmpty else { throw InputRejection(problems: problems) }
        return ResolvedInput(values: values)
    }

    /// `input` with pinned values forced, default values filled in, and nulls dropped.
    static func withDefaults(_ input: JSONObject, _ defaults: [String: ExecutionPlan.InputDefault]) -> JSONObject {
        var values = JSONObject(input.entries.filter { $0.value != .null })
        for name in defaults.keys.sorted() {
            guard let setting = defaults[name], setting.value != .null else { continue }
            if setting.pinned || values[name] == nil { values[name] = setting.value }
        }
        return values
    }
}
