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
    private let addedHeaders = Mutex<HTTPHeaders>([:])

    init(connection: ServerConnection, sequence: Int, eventLoop: EventLoop) {
        self.connection = connection
        self.sequence = sequence
        self.eventLoop = eventLoop
    }

    /// Sends `response`. The server adds `Date`, `Content-Length` and, when the connection ends, `Connection: close`.
    public func respond(_ response: HTTPResponse) { deliver(.response(response)) }

    /// Misbehaves on the wire instead of answering (see `ConnectionFault`).
    public func perform(_ fault: ConnectionFault) { deliver(.fault(fault)) }

    /// Adds `headers` to whatever this writer sends later (a response, or the response a fault writes part of),
    /// except fields the response already has: cross-cutting headers such as CORS, decided before the answer is.
    public func addToAnswer(_ headers: HTTPHeaders) {
        addedHeaders.withLock { added in for (name, value) in headers { added.add(name, value) } }
    }

    private func deliver(_ reply: ServerConnection.Reply) {
        guard !used.exchange(true, ordering: .acquiringAndReleasing) else { return }
        let added = addedHeaders.withLock { $0 }
        let reply = added.count == 0 ? reply : reply.adding(added)
        if eventLoop.inEventLoop {
            connection.complete(sequence: sequence, reply)
        } else {
            let connection = connection, sequence = sequence
            eventLoop.execute { connection.complete(sequence: sequence, reply) }
        }
    }
}

extension ServerConnection.Reply {
    /// The reply with `headers` added to its response, where it has one and lacks the field.
    func adding(_ headers: HTTPHeaders) -> Self {
        func with(_ response: HTTPResponse) -> HTTPResponse {
            var response = response
            for (name, value) in headers where !response.headers.contains(name) { response.headers.add(name, value) }
            return response
        }
        switch self {
        case let .response(response): return .response(with(response))
        case let .fault(.partial(response, bytes, ending)): return .fault(.partial(with(response), bytes: bytes, then: ending))
        case let .fault(.dribble(response, chunkBytes, interval)):
            return .fault(.dribble(with(response), chunkBytes: chunkBytes, interval: interval))
        case let .fault(.dribbleOver(response, chunkBytes, duration)):
            return .fault(.dribbleOver(with(response), chunkBytes: chunkBytes, duration: duration))
        case .fault(.reset), .fault(.close), .fault(.raw): return self
        }
    }
}
