// The API dialects a target can speak, and the optional capabilities it can declare.

/// The shape of the target's API (see the contract's "Dialects").
public enum TargetDialect: String, Sendable, CaseIterable {
    case feather
    case oneinbox

    /// The header that carries the API key: `x-api-key: K` for Feather, `Authorization: Bearer K` for OneInbox.
    public func apiKeyHeader(_ key: String) -> (name: String, value: String) {
        self == .feather ? (name: "x-api-key", value: key) : (name: "Authorization", value: "Bearer \(key)")
    }
}

/// An optional feature a target declares with `--capabilities`; cases that need an undeclared one are skipped.
public enum Capability: String, Sendable, CaseIterable, Comparable {
    case revisions
    case oauth2
    case background
    case callTransfer = "call_transfer"
    case idempotencyKey = "idempotency_key"
    case enableDisable = "enable_disable"

    public static func < (lhs: Capability, rhs: Capability) -> Bool { lhs.rawValue < rhs.rawValue }
}
