// Taking idle connections from the pool and giving finished ones back; the sockets are checked and closed outside the lock.

extension HTTPClient {
    /// An idle connection to `key` that is still usable, or nil. Expired connections and ones the server closed,
    /// reset or wrote to while they idled are closed on the way.
    func takeIdleConnection(for key: ConnectionPoolKey) -> Transport? {
        while true {
            let now = MonotonicClock.now()
            let (candidate, expired) = state.withLock { $0.pool.checkout(key, now: now) }
            for transport in expired { transport.close() }
            guard let candidate else { return nil }
            if candidate.socket.isQuietWhileIdle() { return candidate }
            candidate.close()
        }
    }

    /// Forgets a finished request and pools its connection when it may be reused (`idle`, already deregistered
    /// from its loop). Whatever the pool does not keep is closed.
    func release(_ connection: ClientConnection, idle: Transport?, for key: ConnectionPoolKey) {
        let now = MonotonicClock.now()
        let toClose = state.withLock { state -> [Transport] in
            state.inFlight[ObjectIdentifier(connection)] = nil
            guard let idle else { return [] }
            return state.pool.checkin(idle, key: key, now: now)
        }
        for transport in toClose { transport.close() }
    }

    /// How many connections sit idle in the pool (for tests and diagnostics).
    var idleConnectionCount: Int { state.withLock { $0.pool.idleCount } }
}
