// Which entries an admin listing returns.
import Foundation

/// Selects entries for a listing; nil fields select everything. Results are oldest first.
public struct JournalFilter: Sendable, Equatable {
    /// Default and largest `limit` a listing uses when none is given.
    public static let defaultLimit = 1000

    public var system: String?
    /// The matched route's id.
    public var route: String?
    /// Compared case-insensitively.
    public var method: String?
    /// Only entries with an id greater than this (a cursor: pass the last id seen).
    public var sinceID: Int?
    /// Only entries that arrived at or after this time.
    public var sinceDate: Date?
    /// At most this many entries, the oldest that qualify (so that `sinceID` pages forward).
    public var limit: Int

    public init(system: String? = nil, route: String? = nil, method: String? = nil, sinceID: Int? = nil,
                sinceDate: Date? = nil, limit: Int = JournalFilter.defaultLimit) {
        self.system = system
        self.route = route
        self.method = method
        self.sinceID = sinceID
        self.sinceDate = sinceDate
        self.limit = limit
    }

    /// Whether `entry` qualifies (ignoring `limit`).
    public func admits(_ entry: JournalEntry) -> Bool {
        if let sinceID, entry.id <= sinceID { return false }
        if let sinceDate, entry.arrivedAt < sinceDate { return false }
        if let system, entry.system != system { return false }
        if let route, entry.route != route { return false }
        if let method, entry.method.uppercased() != method.uppercased() { return false }
        return true
    }
}
