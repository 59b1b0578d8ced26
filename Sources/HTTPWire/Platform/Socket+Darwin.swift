// Darwin spellings of the socket calls: no accept4 or MSG_NOSIGNAL, so flags are set per socket.
#if canImport(Darwin)
import Darwin

enum SocketPlatform {
    static let streamType = SOCK_STREAM

    static func socket(_ family: Int32) -> Int32 { Darwin.socket(family, SOCK_STREAM, 0) }

    static func configureNew(_ fd: Int32) {
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &yes, socklen_t(MemoryLayout<Int32>.size))
    }

    static func accept(_ fd: Int32, _ address: UnsafeMutablePointer<sockaddr>, _ length: UnsafeMutablePointer<socklen_t>) -> Int32 {
        let client = Darwin.accept(fd, address, length)
        if client >= 0 { configureNew(client) }
        return client
    }

    static func send(_ fd: Int32, _ pointer: UnsafeRawPointer?, _ count: Int) -> Int { Darwin.send(fd, pointer, count, 0) }
    static func bind(_ fd: Int32, _ address: UnsafePointer<sockaddr>, _ length: socklen_t) -> Int32 { Darwin.bind(fd, address, length) }
    static func listen(_ fd: Int32, _ backlog: Int32) -> Int32 { Darwin.listen(fd, backlog) }
    static func connect(_ fd: Int32, _ address: UnsafePointer<sockaddr>, _ length: socklen_t) -> Int32 { Darwin.connect(fd, address, length) }
    static func close(_ fd: Int32) -> Int32 { Darwin.close(fd) }
    static func ignoreBrokenPipe() { _ = signal(SIGPIPE, SIG_IGN) }
}
#endif
