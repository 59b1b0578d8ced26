// An operator-configured value for an input variable: a suggestion or a forced value.
import JSONModel

/// How an input default is enforced (Feather's `InputArgType`).
public enum InputDefaultKind: String, Sendable, CaseIterable {
    /// Fills a missing value; the caller may override it.
    case `default`
    /// Overrides whatever the caller sends.
    case pinned
}

/// One entry of `input_defaults` (Feather's `InputArgConfig`).
public struct InputDefault: Sendable, Equatable {
    /// The value, of the variable's type.
    public var value: JSONValue
    /// Default or pinned; default when omitted.
    public var kind: InputDefaultKind

    /// Creates an input default.
    public init(value: JSONValue, kind: InputDefaultKind = .default) {
        self.value = value
        self.kind = kind
    }
}
