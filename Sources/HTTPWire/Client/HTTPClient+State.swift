// What the client's lock protects: whether it is shut down, the requests in flight, the idle connections.

/// The client's shared state; only touched inside `HTTPClient.state.withLock`.
struct ClientState {
    /// Set once by `shutdown()`; from then on no task is handed to a loop and no connection is pooled.
    var isShutDown = false
    /// Requests handed to a loop and not finished, so that `shutdown()` can fail them.
    var inFlight: [ObjectIdentifier: ClientConnection] = [:]
    /// Idle keep-alive connections. Pooled sockets are registered with no loop, so any loop may take them.
    var pool: ConnectionPool<Transport>
}
