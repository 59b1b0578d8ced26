// How much the journal has seen, holds and dropped.
import JSONModel

/// Counters since the journal was created or last reset.
public struct JournalStats: Sendable, Equatable {
    /// Entries recorded since creation or the last reset.
    public var recorded: Int
    /// Entries held now (at most `capacity`).
    public var retained: Int
    /// Entries dropped because the journal was full, since creation or the last reset.
    public var overflow: Int
    public var capacity: Int
    /// Lines appended to the persistence file (0 without one).
    public var persisted: Int
    /// Failed appends to the persistence file; `lastPersistError` says why the latest failed.
    public var persistFailures: Int
    public var lastPersistError: String?

    /// `{"recorded", "retained", "overflow", "capacity", "persisted", "persist_failures", "last_persist_error"}`.
    public var json: JSONValue {
        [
            "recorded": .int(recorded), "retained": .int(retained), "overflow": .int(overflow), "capacity": .int(capacity),
            "persisted": .int(persisted), "persist_failures": .int(persistFailures),
            "last_persist_error": lastPersistError.map(JSONValue.string) ?? .null,
        ]
    }
}
