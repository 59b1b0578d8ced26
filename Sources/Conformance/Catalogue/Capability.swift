// The optional capabilities a target can declare.

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
