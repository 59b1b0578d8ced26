// The input side of a plan: declared variables, their types, and operator-configured defaults.
import JSONModel

extension ExecutionPlan {
    /// The four variable types Feather declares.
    public enum VariableType: String, Sendable, Equatable, CaseIterable {
        /// Text. Only a JSON string is accepted (numbers are not turned into text).
        case str
        /// A whole number: a JSON integer, a number with no fraction (`42.0`), or a string that is exactly an integer (`"42"`).
        case int
        /// A number: a JSON number (an integer is fine) or a string that is exactly a decimal number (`"4.5"`).
        case float
        /// `true` or `false`, or exactly the strings `"true"` / `"false"`.
        case bool
    }

    /// One input variable of a tool.
    public struct Variable: Sendable, Equatable {
        /// The name callers use in `input` and templates use in `{{name}}`.
        public var name: String
        /// The type the value must have (after exact coercion).
        public var type: VariableType
        /// When `true`, an execution without a value (after defaults) is refused with 422.
        public var required: Bool

        /// A variable; `str` and optional unless told.
        public init(name: String, type: VariableType = .str, required: Bool = false) {
            self.name = name
            self.type = type
            self.required = required
        }
    }

    /// An operator-configured value for one variable.
    public struct InputDefault: Sendable, Equatable {
        /// The value used (checked against the variable's type like a caller's value).
        public var value: JSONValue
        /// `true` ("pinned"): replaces whatever the caller sent. `false` ("default"): used only when the caller sent nothing.
        public var pinned: Bool

        /// A default; a suggestion unless `pinned`.
        public init(value: JSONValue, pinned: Bool = false) {
            self.value = value
            self.pinned = pinned
        }
    }
}
