// The two kinds of tool Feather knows, and the lifecycle states of a tool or revision.

/// What a tool does when the agent calls it (Feather's `ToolType`).
public enum ToolType: String, Sendable, CaseIterable {
    /// Calls an HTTP API described by an `APICallConfiguration`.
    case apiCall = "api_call"
    /// Transfers the phone call to a `TransferTarget`.
    case callTransfer = "call_transfer"
}

/// Lifecycle state of a tool or a revision (Feather's `ToolStatus`).
public enum ToolStatus: String, Sendable, CaseIterable {
    /// Usable by agents.
    case active
    /// Still usable, but replaced by a newer revision.
    case deprecated
    /// Not executable until enabled again.
    case disabled
}
