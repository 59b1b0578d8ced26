// When a connection may go back to the pool after a response. Pure.

/// The keep-alive decision for a connection that just delivered a response.
enum ConnectionReuse {
    /// `true` only when everything allows reuse: the server (keep-alive, a body whose end was known, nothing sent
    /// beyond the response), the request (sent in full, no `Connection: close`). Anything else closes the connection.
    static func allowed(serverAllowsReuse: Bool, requestFullySent: Bool, requestAsksToClose: Bool) -> Bool {
        serverAllowsReuse && requestFullySent && !requestAsksToClose
    }
}
