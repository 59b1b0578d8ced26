// One change the dashboard shows live: a request arrived or completed in a system, or a system's journal was reset.

/// A numbered change in the cluster's journals, as the dashboard's event feed holds it.
public struct DashboardEvent: Sendable, Equatable {
    /// What happened.
    public enum Kind: String, Sendable, Equatable {
        case arrived, completed, reset
    }

    /// Increasing from 1 across the whole cluster; a browser asks for the events after the last one it saw.
    public var sequence: Int
    public var kind: Kind
    /// The system whose journal changed.
    public var system: String
    /// The journal entry that arrived or completed; nil for a reset. The feed holds ids only (a few words per
    /// event, nothing to copy or retain on the request's thread); a poll reads the entries as they are then.
    public var entryID: Int?

    public init(sequence: Int, kind: Kind, system: String, entryID: Int?) {
        self.sequence = sequence
        self.kind = kind
        self.system = system
        self.entryID = entryID
    }

    /// The event for a journal change, before it is numbered.
    init(_ change: JournalChange, system: String) {
        switch change {
        case let .recorded(id): self.init(sequence: 0, kind: .arrived, system: system, entryID: id)
        case let .completed(id): self.init(sequence: 0, kind: .completed, system: system, entryID: id)
        case .reset: self.init(sequence: 0, kind: .reset, system: system, entryID: nil)
        }
    }
}

/// The events after a cursor, as one answer to a browser.
public struct DashboardPage: Sendable, Equatable {
    /// Oldest first, at most the limit asked for.
    public var events: [DashboardEvent]
    /// The cursor to ask with next: the last event's sequence, or the newest sequence when there were none.
    public var next: Int
    /// Events after the cursor that the feed no longer holds (it keeps a bounded number): the browser fell behind.
    public var missed: Int
}
