// One configured header or query parameter, possibly secret.

/// A header or query parameter of an api_call tool (Feather's `HeaderConfig` / `QueryParamConfig`).
public struct KeyValueSetting: Sendable, Equatable {
    /// Header name or query parameter name.
    public var key: String
    /// The value, possibly holding `{{placeholders}}`. The real secret when `secure` (masked on every read).
    public var value: String
    /// When true the value is a secret: never returned by any endpoint, never logged.
    public var secure: Bool

    /// Creates a setting; `secure` defaults to false as in Feather's schema.
    public init(key: String, value: String, secure: Bool = false) {
        self.key = key
        self.value = value
        self.secure = secure
    }
}
