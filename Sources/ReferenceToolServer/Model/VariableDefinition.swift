// An input variable of an api_call tool: what the agent must or may supply.
import JSONModel


/// The JSON type an input variable accepts (Feather's `VariableDefinition.type`; the default is `str`).
public enum VariableType: String, Sendable, CaseIterable {
    case str, int, float, bool

    /// Whether `value` has this type exactly, without coercion: `int` takes integers, `float` takes any number,
    /// `str` strings, `bool` booleans. Used for `input_defaults` values.
    public func accepts(_ value: JSONValue) -> Bool {
        switch (self, value) {
        case (.str, .string), (.int, .int), (.float, .int), (.float, .double), (.bool, .bool): return true
        case (.int, .double): return value.intValue != nil
        default: return false
        }
    }
}

/// One input variable (Feather's `VariableDefinition`).
public struct VariableDefinition: Sendable, Equatable {
    /// The name used in `{{name}}` placeholders and in the execute `input`.
    public var name: String
    /// The type a value must have.
    public var type: VariableType
    /// What the variable means, shown to the agent.
    public var description: String?
    /// Whether an execution without this variable (after `input_defaults`) is rejected.
    public var required: Bool

    /// Creates a variable; defaults follow Feather (`str`, not required).
    public init(name: String, type: VariableType = .str, description: String? = nil, required: Bool = false) {
        self.name = name
        self.type = type
        self.description = description
        self.required = required
    }
}
