// The API shapes a tool server can speak: Feather's (canonical) and OneInbox's. One name for the reference server
// that speaks a dialect and the suite that certifies one.

/// Which platform's tool API a server speaks (see the contract's "Dialects").
public enum Dialect: String, Sendable, CaseIterable {
    /// Feather's published `/v1/tools` API (the canonical dialect).
    case feather
    /// OneInbox's create/update shape, with the contract's extensions where OneInbox documents nothing.
    case oneinbox

    /// The header that carries the API key: `x-api-key: K` for Feather, `Authorization: Bearer K` for OneInbox.
    public func apiKeyHeader(_ key: String) -> (name: String, value: String) {
        self == .feather ? (name: "x-api-key", value: key) : (name: "Authorization", value: "Bearer \(key)")
    }
}
