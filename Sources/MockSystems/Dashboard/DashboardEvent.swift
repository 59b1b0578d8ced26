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
    /// The entry without its headers and body (the feed holds summaries; the detail is read from the journal on
    /// demand, so the feed never keeps a large body alive). Nil for a reset.
    public var entry: JournalEntry?

    public init(sequence: Int, kind: Kind, system: String, entry: JournalEntry?) {
        self.sequence = sequence
        self.kind = kind
        self.system = system
        self.entry = entry
    }

    /// The event for a journal change, before it is numbered; the entry is stripped of headers and body.
    init(_ change: JournalChange, system: String) {
        switch change {
        case let .recorded(entry): self.init(sequence: 0, kind: .arrived, system: system, entry: entry.summary)
        case let .completed(entry): self.init(sequence: 0, kind: .completed, system: system, entry: entry.summary)
        case .reset: self.init(sequence: 0, kind: .reset, system: system, entry: nil)
        }
    }
}

extension JournalEntry {
    /// The entry without headers and body: O(1) (it only drops references), kept by the event feed.
    var summary: JournalEntry {
        var copy = self
        copy.headers = []
        copy.body = []
        return copy
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
