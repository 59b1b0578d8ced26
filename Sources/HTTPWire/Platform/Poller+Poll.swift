// Readiness through poll(2) and a self-pipe, for Darwin: simple and adequate for development machines.
#if canImport(Darwin)
import Darwin

final class Poller {
    private var descriptors: [pollfd] = []
    private var tokens: [Int] = []
    private let wakePipe: (read: Int32, write: Int32)

    init(capacity: Int = 256) throws(SocketError) {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { throw .system(call: "pipe", errno: errno) }
        for fd in ends { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
        wakePipe = (ends[0], ends[1])
        descriptors.append(pollfd(fd: ends[0], events: Int16(POLLIN), revents: 0))
        tokens.append(-1)
    }

    func add(_ fd: Int32, token: Int, interest: PollerInterest, exclusive: Bool = false) {
        descriptors.append(pollfd(fd: fd, events: Self.events(interest), revents: 0))
        tokens.append(token)
    }

    func modify(_ fd: Int32, token: Int, interest: PollerInterest) {
        if let index = descriptors.firstIndex(where: { $0.fd == fd }) { descriptors[index].events = Self.events(interest) }
    }

    func remove(_ fd: Int32) {
        if let index = descriptors.firstIndex(where: { $0.fd == fd }) {
            descriptors.remove(at: index)
            tokens.remove(at: index)
        }
    }

    func wait(timeoutMilliseconds: Int32, _ body: (PollerEvent) -> Void) {
        let count = descriptors.withUnsafeMutableBufferPointer { poll($0.baseAddress, nfds_t($0.count), timeoutMilliseconds) }
        guard count > 0 else { return }
        let ready = zip(descriptors, tokens).filter { $0.0.revents != 0 }
        for (descriptor, token) in ready {
            if token == -1 {
                var scratch = [UInt8](repeating: 0, count: 64)
                _ = read(wakePipe.read, &scratch, scratch.count)
                continue
            }
            let flags = Int32(descriptor.revents)
            body(PollerEvent(token: token, readable: flags & Int32(POLLIN) != 0, writable: flags & Int32(POLLOUT) != 0,
                             hangup: flags & Int32(POLLERR | POLLHUP) != 0))
        }
    }

    func wake() {
        var byte: UInt8 = 1
        _ = write(wakePipe.write, &byte, 1)
    }

    func close() {
        _ = Darwin.close(wakePipe.read)
        _ = Darwin.close(wakePipe.write)
    }

    private static func events(_ interest: PollerInterest) -> Int16 {
        var events: Int16 = 0
        if interest.contains(.read) { events |= Int16(POLLIN) }
        if interest.contains(.write) { events |= Int16(POLLOUT) }
        return events
    }
}
#endif
