// The stages of one request on its connection, and what the deadline passing means in each. Pure.

/// Where a request is. It only moves forward: waiting, resolving, connecting, (handshaking,) writing, reading, finished;
/// a request on a reused connection goes from waiting straight to writing.
enum RequestPhase: Equatable {
    /// Handed to an event loop, not started yet.
    case waiting
    /// Looking up the host's address.
    case resolving
    /// A non-blocking connect is in progress.
    case connecting
    /// Connected over TCP; the TLS handshake of an https request is in progress.
    case handshaking
    /// Connected; the request is being sent (and an early response is read if one comes).
    case writing
    /// The request was sent in full; the response is being read.
    case reading
    /// The completion has been called; nothing else happens.
    case finished

    /// The error for the request deadline passing in this phase: `connectTimedOut` while no connection exists,
    /// `responseTimedOut` once one does, nil when the request already finished.
    var deadlineError: HTTPClientError? {
        switch self {
        case .waiting, .resolving, .connecting, .handshaking: return .connectTimedOut
        case .writing, .reading: return .responseTimedOut
        case .finished: return nil
        }
    }
}
