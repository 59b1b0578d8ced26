// Accepting connections: one listening socket shared by every loop (EPOLLEXCLUSIVE wakes one), balancing, limits
// and back-off.

/// The listening socket as seen by one loop. Confined to that loop (hence `@unchecked Sendable`).
final class Listener: Selectable, @unchecked Sendable {
    private let socket: Socket
    private let context: LoopContext
    /// Every loop's context (this one's included), for balancing.
    private let contexts: [LoopContext]
    private var token = 0
    private var paused = false
    private var stopped = false

    init(socket: Socket, context: LoopContext, contexts: [LoopContext]) {
        self.socket = socket
        self.context = context
        self.contexts = contexts
    }

    func start() {
        token = context.loop.register(socket.fd, interest: .read, exclusive: true, handler: self)
    }

    /// Stops accepting on this loop; the server closes the shared descriptor once every loop has stopped.
    func stop() {
        guard !stopped else { return }
        stopped = true
        if !paused { context.loop.deregister(socket.fd, token: token) }
    }

    func handle(_ event: PollerEvent) {
        // A bounded batch per wake-up, so one loop cannot starve its own connections under a connection storm.
        for _ in 0..<64 {
            switch socket.accept() {
            case let .accepted(client, peer):
                admit(client, peer: peer)
            case .wouldBlock:
                return
            case .transient:
                continue
            case .exhausted, .failed:
                pause()
                return
            }
        }
    }

    private func admit(_ client: Socket, peer: String) {
        let limit = context.configuration.maxConnections
        let open = context.shared.openConnections.add(1, ordering: .relaxed).newValue
        guard open <= limit else {
            context.shared.openConnections.subtract(1, ordering: .relaxed)
            refuse(client, limit: limit)
            return
        }
        let target = leastBusy()
        target.openHere.add(1, ordering: .relaxed)
        if target === context {
            context.adopt(client, peer: peer)
        } else {
            // Queued before any drain: `stop` stops every listener, on its own loop, before it queues the drains.
            target.loop.execute { target.adopt(client, peer: peer) }
        }
    }

    /// The loop with the fewest open connections; this one on a tie. The wake-up that accepted a burst of connects
    /// would otherwise keep all of them, and one loop would serve every keep-alive connection of the burst while the
    /// others idle (the benchmark's 32 connections ran at one loop's speed in about half the runs).
    private func leastBusy() -> LoopContext {
        var best = context, fewest = context.openHere.load(ordering: .relaxed)
        for candidate in contexts where candidate !== context {
            let open = candidate.openHere.load(ordering: .relaxed)
            if open < fewest { (best, fewest) = (candidate, open) }
        }
        return best
    }

    /// Beyond `maxConnections`: a best-effort 503 and a clean close, never a crash or a hang.
    private func refuse(_ client: Socket, limit: Int) {
        // On TLS a plain 503 would read as garbage, and a handshake costs what the limit is there to save: just close.
        guard context.configuration.tls == nil else { return client.close() }
        let body = "server is at its limit of \(limit) open connections; try again later\n"
        let answer = "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: \(body.utf8.count)\r\n"
            + "Retry-After: 1\r\nConnection: close\r\n\r\n" + body
        _ = Array(answer.utf8).withUnsafeBytes { client.send($0) }
        client.shutdownWrite()
        // Drop what the client already sent: closing with unread bytes would turn the close into a reset that can
        // destroy the 503 before the client reads it.
        for _ in 0..<16 {
            guard case .bytes = context.scratch.withUnsafeMutableBytes({ client.receive(into: $0) }) else { break }
        }
        client.close()
    }

    /// Out of descriptors: stop listening for a moment instead of spinning on a level-triggered wake-up.
    private func pause() {
        guard !paused, !stopped else { return }
        paused = true
        context.loop.deregister(socket.fd, token: token)
        let resumeAt = MonotonicClock.deadline(context.configuration.acceptBackoff, after: MonotonicClock.now())
        _ = context.loop.schedule(at: resumeAt) { [weak self] in
            guard let self, !self.stopped else { return }
            self.paused = false
            self.start()
        }
    }
}
