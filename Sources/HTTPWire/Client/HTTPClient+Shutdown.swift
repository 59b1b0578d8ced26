// Ending the client: fail what is in flight, close what is idle, stop the loop it owns.

extension HTTPClient {
    /// Shuts the client down. Requests in flight fail with `.shutDown`, idle pooled connections are closed and,
    /// when the client started its own event loop group, that group is stopped (this waits for its thread).
    /// Requests made afterwards fail with `.shutDown`. Calling it again does nothing.
    ///
    /// - Precondition: when the client owns its group, this is not called on that group's loop (for instance from
    ///   a completion handler): a loop cannot stop itself.
    public func shutdown() {
        precondition(!(ownsGroup && group.loops.contains { $0.inEventLoop }),
                     "HTTPClient.shutdown() was called on the client's own event loop; call it from another thread")
        let (wasRunning, inFlight, idle) = state.withLock { state -> (Bool, [ClientConnection], [Transport]) in
            guard !state.isShutDown else { return (false, [], []) }
            state.isShutDown = true
            return (true, Array(state.inFlight.values), state.pool.close())
        }
        guard wasRunning else { return }
        for transport in idle { transport.close() }
        // Handed over before the loops stop, so each runs; `finish` ignores requests that completed meanwhile.
        for connection in inFlight { connection.loop.execute { connection.finish(.failure(.shutDown)) } }
        if ownsGroup { group.shutdown() }
    }
}
