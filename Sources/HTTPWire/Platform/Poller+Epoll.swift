// Readiness through epoll (level-triggered) and an eventfd that wakes the loop from other threads.
#if canImport(Glibc)
import Glibc
import CSystemShims

final class Poller {
    private let epoll: Int32
    private let wakeFD: Int32
    private var events: [epoll_event]
    private static let wakeToken = UInt64.max

    init(capacity: Int = 256) throws(SocketError) {
        epoll = epoll_create1(Int32(EPOLL_CLOEXEC))
        guard epoll >= 0 else { throw .system(call: "epoll_create1", errno: errno) }
        wakeFD = eventfd(0, Int32(EFD_NONBLOCK | EFD_CLOEXEC))
        guard wakeFD >= 0 else { throw .system(call: "eventfd", errno: errno) }
        events = Array(repeating: epoll_event(), count: capacity)
        var event = epoll_event()
        event.events = CSystemShims_EPOLLIN
        event.data.u64 = Self.wakeToken
        epoll_ctl(epoll, EPOLL_CTL_ADD, wakeFD, &event)
    }

    /// Registers `fd`. `exclusive` (EPOLLEXCLUSIVE, read interest only) wakes one of several loops sharing a
    /// listening socket; such a registration cannot be modified, only removed and added again.
    func add(_ fd: Int32, token: Int, interest: PollerInterest, exclusive: Bool = false) {
        var event = Self.event(token: token, interest: interest)
        // EPOLLEXCLUSIVE accepts only IN/OUT beside it (RDHUP makes the call fail), and no later MOD.
        if exclusive { event.events = CSystemShims_EPOLLIN | CSystemShims_EPOLLEXCLUSIVE }
        epoll_ctl(epoll, EPOLL_CTL_ADD, fd, &event)
    }

    func modify(_ fd: Int32, token: Int, interest: PollerInterest) {
        var event = Self.event(token: token, interest: interest)
        epoll_ctl(epoll, EPOLL_CTL_MOD, fd, &event)
    }

    func remove(_ fd: Int32) {
        var event = epoll_event()
        epoll_ctl(epoll, EPOLL_CTL_DEL, fd, &event)
    }

    /// Waits up to `timeoutMilliseconds` (-1: forever) and reports each ready descriptor to `body`.
    func wait(timeoutMilliseconds: Int32, _ body: (PollerEvent) -> Void) {
        let count = events.withUnsafeMutableBufferPointer { buffer in
            epoll_wait(epoll, buffer.baseAddress, Int32(buffer.count), timeoutMilliseconds)
        }
        guard count > 0 else { return }  // EINTR is a spurious wake-up, never a reason to stop
        for index in 0..<Int(count) {
            let event = events[index]
            if event.data.u64 == Self.wakeToken {
                var value: UInt64 = 0
                _ = read(wakeFD, &value, 8)
                continue
            }
            let flags = event.events
            body(PollerEvent(
                token: Int(truncatingIfNeeded: event.data.u64),
                readable: flags & (CSystemShims_EPOLLIN | CSystemShims_EPOLLRDHUP) != 0,
                writable: flags & CSystemShims_EPOLLOUT != 0,
                hangup: flags & (CSystemShims_EPOLLERR | CSystemShims_EPOLLHUP) != 0))
        }
    }

    /// Interrupts a `wait` in progress (or the next one); safe from any thread.
    func wake() {
        var one: UInt64 = 1
        _ = write(wakeFD, &one, 8)
    }

    func close() {
        _ = Glibc.close(wakeFD)
        _ = Glibc.close(epoll)
    }

    private static func event(token: Int, interest: PollerInterest) -> epoll_event {
        var event = epoll_event()
        // RDHUP only with read interest: level-triggered, a half-closed peer would otherwise wake the loop forever.
        if interest.contains(.read) { event.events |= CSystemShims_EPOLLIN | CSystemShims_EPOLLRDHUP }
        if interest.contains(.write) { event.events |= CSystemShims_EPOLLOUT }
        event.data.u64 = UInt64(truncatingIfNeeded: token)
        return event
    }
}
#endif
