// What an event loop asks of the operating system's readiness API (epoll on Linux, poll on Darwin).

/// Which readiness a registration waits for.
struct PollerInterest: OptionSet {
    let rawValue: UInt8
    static let read = PollerInterest(rawValue: 1)
    static let write = PollerInterest(rawValue: 2)
}

/// One readiness report for a registered descriptor, named by the token given at registration.
struct PollerEvent {
    var token: Int
    var readable: Bool
    var writable: Bool
    /// Error or hang-up on the descriptor; the owner should read (to learn the reason) and close.
    var hangup: Bool
}
