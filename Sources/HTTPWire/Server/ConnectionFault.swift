// What a handler can do to a connection instead of answering normally: the fault-injection vocabulary.

/// A way to misbehave on the wire, for mocks that test how clients cope.
public enum ConnectionFault: Sendable, Equatable {
    /// What happens after a fault's bytes are written.
    public enum Ending: Sendable, Equatable {
        /// Close cleanly (FIN).
        case close
        /// Reset (RST, via SO_LINGER 0).
        case reset
        /// Write nothing more and hold the connection open until the peer leaves or `stallTimeout` passes.
        case stall
    }

    /// Reset the connection at once (RST), answering nothing.
    case reset
    /// Close the connection at once (FIN), answering nothing.
    case close
    /// Write these bytes as they are (garbage, a malformed response), then end.
    case raw([UInt8], then: Ending)
    /// Write the first `bytes` bytes of `response`, then end.
    case partial(HTTPResponse, bytes: Int, then: Ending)
    /// Write `response` `chunkBytes` at a time, one chunk every `interval`; the connection then carries on normally.
    case dribble(HTTPResponse, chunkBytes: Int, interval: Duration)
    /// Write `response` `chunkBytes` at a time, spread evenly so the last chunk leaves `duration` after the first.
    case dribbleOver(HTTPResponse, chunkBytes: Int, duration: Duration)
}
