// Why a journal could not be created.

/// A journal that could not be set up, with what to do about it.
public enum JournalError: Error, Equatable, CustomStringConvertible {
    /// The capacity was below 1.
    case invalidCapacity(Int)
    /// The persistence file could not be opened for appending.
    case cannotOpen(path: String, reason: String)

    public var description: String {
        switch self {
        case let .invalidCapacity(value):
            return "journal capacity must be at least 1, got \(value)"
        case let .cannotOpen(path, reason):
            return "cannot open journal file \(path) for appending: \(reason); check that the directory exists and is writable"
        }
    }
}
