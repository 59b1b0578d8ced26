// The journal's JSON Lines file: one `write(2)` per line on an O_APPEND descriptor, so that a crash leaves
// whole lines only and nothing already written is lost with the process.
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// An append-only file of completed entries, one JSON object per line.
final class JournalFile: Sendable {
    struct Status {
        var descriptor: Int32
        var written = 0
        var failures = 0
        var lastError: String?
    }

    let url: URL
    private let status: Mutex<Status>

    /// Opens (creating when needed) `url` for appending; existing whole lines are kept, and a half line at the end
    /// is cut off: the kernel copies a large `write(2)` page by page and a `kill -9` can stop it between pages. The
    /// cut line's request was never answered (a line is written before its answer), so nothing answered is lost.
    init(url: URL) throws(JournalError) {
        let descriptor = open(url.path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .cannotOpen(path: url.path, reason: String(cString: strerror(errno))) }
        Self.dropHalfLine(descriptor)
        self.url = url
        status = Mutex(Status(descriptor: descriptor))
    }

    deinit { close() }

    /// Truncates the file after its last newline when it does not end in one.
    private static func dropHalfLine(_ descriptor: Int32) {
        var end = lseek(descriptor, 0, SEEK_END)
        var byte: UInt8 = 0
        guard end > 0, pread(descriptor, &byte, 1, end - 1) == 1, byte != UInt8(ascii: "\n") else { return }
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while end > 0 {
            let start = max(0, end - off_t(buffer.count))
            let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, Int(end - start), start) }
            guard count > 0 else { return }
            if let last = buffer[0..<count].lastIndex(of: UInt8(ascii: "\n")) {
                _ = ftruncate(descriptor, start + off_t(last) + 1)
                return
            }
            end = start
        }
        _ = ftruncate(descriptor, 0)
    }

    /// Writes `line` (which ends in a newline) in one `write(2)`; a short write is finished with further calls.
    /// Failures are counted, never thrown: the journal keeps serving requests when the disk is full.
    func append(_ line: [UInt8]) {
        status.withLock { status in
            guard status.descriptor >= 0 else { return }
            var offset = 0
            while offset < line.count {
                let result = line.withUnsafeBytes { buffer -> Int in
                    guard let base = buffer.baseAddress else { return 0 }
                    return write(status.descriptor, base + offset, buffer.count - offset)
                }
                if result < 0 && errno == EINTR { continue }
                guard result > 0 else {
                    status.failures += 1
                    status.lastError = result < 0 ? String(cString: strerror(errno)) : "write returned 0"
                    return
                }
                offset += result
            }
            status.written += 1
        }
    }

    /// Lines written, failed writes and the last failure's reason.
    var counts: (written: Int, failures: Int, lastError: String?) {
        status.withLock { ($0.written, $0.failures, $0.lastError) }
    }

    /// Flushes to disk (`fsync`) and closes; later appends are ignored. Safe to call more than once.
    func close() {
        status.withLock { status in
            guard status.descriptor >= 0 else { return }
            _ = fsync(status.descriptor)
            closeDescriptor(status.descriptor)
            status.descriptor = -1
        }
    }
}

/// `close(2)`, reachable from inside `JournalFile` whose own `close()` hides the C function.
private func closeDescriptor(_ descriptor: Int32) { _ = close(descriptor) }
