// Linux spellings of the socket calls: accept4 and MSG_NOSIGNAL save a system call each.
#if canImport(Glibc)
import Glibc
import CSystemShims

enum SocketPlatform {
    static let streamType = Int32(SOCK_STREAM.rawValue)

    static func socket(_ family: Int32) -> Int32 {
        Glibc.socket(family, Int32(SOCK_STREAM.rawValue | SOCK_NONBLOCK.rawValue | SOCK_CLOEXEC.rawValue), 0)
    }

    /// Linux sets non-blocking and close-on-exec in `socket` itself.
    static func configureNew(_ fd: Int32) {}

    static func accept(_ fd: Int32, _ address: UnsafeMutablePointer<sockaddr>, _ length: UnsafeMutablePointer<socklen_t>) -> Int32 {
        accept4(fd, address, length, Int32(SOCK_NONBLOCK.rawValue | SOCK_CLOEXEC.rawValue))
    }

    static func send(_ fd: Int32, _ pointer: UnsafeRawPointer?, _ count: Int) -> Int {
        Glibc.send(fd, pointer, count, Int32(MSG_NOSIGNAL))
    }

    static func bind(_ fd: Int32, _ address: UnsafePointer<sockaddr>, _ length: socklen_t) -> Int32 { Glibc.bind(fd, address, length) }
    static func listen(_ fd: Int32, _ backlog: Int32) -> Int32 { Glibc.listen(fd, backlog) }
    static func connect(_ fd: Int32, _ address: UnsafePointer<sockaddr>, _ length: socklen_t) -> Int32 { Glibc.connect(fd, address, length) }
    static func close(_ fd: Int32) -> Int32 { Glibc.close(fd) }

    /// Ignores SIGPIPE process-wide: a peer that vanishes mid-write must not kill the process.
    static func ignoreBrokenPipe() { _ = signal(SIGPIPE, SIG_IGN) }
}
#endif
