// Idle keep-alive connections by host and port: which one to reuse, which ones to close. Pure bookkeeping.

/// The host and port a pooled connection is connected to, and whether it speaks TLS.
struct ConnectionPoolKey: Hashable, Sendable {
    var host: String
    var port: UInt16
    var isSecure = false
}

/// Idle connections waiting for reuse, per host and port.
///
/// Pure: the caller passes the monotonic time in and does the I/O (checking and closing sockets) itself.
/// Reuse is last-in, first-out: the connection returned most recently is the least likely to have been
/// closed by the server's own idle timer.
struct ConnectionPool<Connection> {
    private struct Entry {
        var connection: Connection
        var idleSince: UInt64
    }

    /// Nanoseconds a connection may idle; one that idled longer is handed back for closing, never reused.
    let idleTimeoutNanos: UInt64
    /// Most idle connections kept per key.
    let maxIdlePerKey: Int
    private var idle: [ConnectionPoolKey: [Entry]] = [:]
    /// `true` after `close()`: every connection returned from then on is handed back for closing.
    private(set) var isClosed = false

    init(idleTimeoutNanos: UInt64, maxIdlePerKey: Int) {
        self.idleTimeoutNanos = idleTimeoutNanos
        self.maxIdlePerKey = maxIdlePerKey
    }

    /// How many connections are idle in the pool, over all keys.
    var idleCount: Int { idle.values.reduce(0) { $0 + $1.count } }

    /// Takes the most recently returned connection for `key`, if one has not idled too long.
    /// - Returns: that connection (nil when none), and every expired connection of any key, to be closed.
    mutating func checkout(_ key: ConnectionPoolKey, now: UInt64) -> (connection: Connection?, expired: [Connection]) {
        let expired = removeExpired(now: now)
        guard let entry = idle[key]?.popLast() else { return (nil, expired) }
        if idle[key]?.isEmpty == true { idle[key] = nil }
        return (entry.connection, expired)
    }

    /// Puts a connection back for reuse.
    /// - Returns: the connections to close: expired ones, the longest-idle one of `key` when it is full,
    ///   or `connection` itself when the pool is closed or keeps nothing.
    mutating func checkin(_ connection: Connection, key: ConnectionPoolKey, now: UInt64) -> [Connection] {
        var toClose = removeExpired(now: now)
        guard !isClosed, maxIdlePerKey > 0, idleTimeoutNanos > 0 else { return toClose + [connection] }
        var entries = idle[key, default: []]
        entries.append(Entry(connection: connection, idleSince: now))
        if entries.count > maxIdlePerKey {
            toClose.append(contentsOf: entries.prefix(entries.count - maxIdlePerKey).map(\.connection))
            entries.removeFirst(entries.count - maxIdlePerKey)
        }
        idle[key] = entries
        return toClose
    }

    /// Closes the pool. - Returns: every idle connection, to be closed.
    mutating func close() -> [Connection] {
        isClosed = true
        defer { idle.removeAll() }
        return idle.values.flatMap { $0.map(\.connection) }
    }

    /// Removes every connection that idled longer than the timeout.
    private mutating func removeExpired(now: UInt64) -> [Connection] {
        var expired: [Connection] = []
        for (key, entries) in idle where entries.contains(where: { !isFresh($0, now: now) }) {
            expired += entries.filter { !isFresh($0, now: now) }.map(\.connection)
            let fresh = entries.filter { isFresh($0, now: now) }
            idle[key] = fresh.isEmpty ? nil : fresh
        }
        return expired
    }

    private func isFresh(_ entry: Entry, now: UInt64) -> Bool {
        now <= entry.idleSince || now - entry.idleSince <= idleTimeoutNanos
    }
}
