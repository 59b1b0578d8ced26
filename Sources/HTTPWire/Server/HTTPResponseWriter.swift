// The handle a handler answers through, from any thread, at any time, exactly once.
import Synchronization

/// Answers one request. Call `respond` or `perform` once, from any thread, now or later; later calls are ignored.
/// Holding a writer holds no thread: a handler may return at once and answer from a timer or a task.
public final class HTTPResponseWriter: Sendable {
    /// The loop the connection lives on; `eventLoop.schedule(after:)` delays an answer without holding a thread.
    public let eventLoop: EventLoop
    private let connection: ServerConnection
    private let sequence: Int
    private let used = Atomic<Bool>(false)

    init(connection: ServerConnection, sequence: Int, eventLoop: EventLoop) {
        self.connection = connection
        self.sequence = sequence
        self.eventLoop = eventLoop
    }

    /// Sends `response`. The server adds `Date`, `Content-Length` and, when the connection ends, `Connection: close`.
    public func respond(_ response: HTTPResponse) { deliver(.response(response)) }

    /// Misbehaves on the wire instead of answering (see `ConnectionFault`).
    public func perform(_ fault: ConnectionFault) { deliver(.fault(fault)) }

    private func deliver(_ reply: ServerConnection.Reply) {
        guard !used.exchange(true, ordering: .acquiringAndReleasing) else { return }
        if eventLoop.inEventLoop {
            connection.complete(sequence: sequence, reply)
        } else {
            let connection = connection, sequence = sequence
            eventLoop.execute { connection.complete(sequence: sequence, reply) }
        }
    }
}
