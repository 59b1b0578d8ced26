// The API shapes a tool server can speak: Feather's (canonical) and OneInbox's.

/// Which platform's tool API a server speaks.
public enum Dialect: String, Sendable, CaseIterable {
    /// Feather's published `/v1/tools` API (the canonical dialect).
    case feather
    /// OneInbox's create/update shape, with the contract's extensions where OneInbox documents nothing.
    case oneinbox
}
