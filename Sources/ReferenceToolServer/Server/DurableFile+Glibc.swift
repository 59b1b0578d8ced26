// Replacing a file so that a crash leaves the old or the new content, never half of one: temp file, fsync, rename.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A system call that failed while replacing a file.
struct DurableFileError: Error, CustomStringConvertible {
    /// What was being done, e.g. `write /data/.tools.json.tmp-12-ab`.
    var step: String
    var code: Int32

    var description: String { "could not \(step): \(String(cString: strerror(code))) (errno \(code))" }
}

enum DurableFile {
    /// Writes `bytes` to a new temporary file beside `url` with `mode`, fsyncs it, renames it over `url` and fsyncs the
    /// folder, so that after a crash `url` holds either its old content or all of `bytes`.
    /// - Throws: `DurableFileError` naming the failed step; the temporary file is removed then.
    static func replace(_ url: URL, with bytes: [UInt8], mode: mode_t) throws(DurableFileError) {
        let folder = url.deletingLastPathComponent().path
        let temporary = folder + "/." + url.lastPathComponent + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else { throw DurableFileError(step: "create \(temporary)", code: errno) }
        do throws(DurableFileError) {
            // The umask may have narrowed or (with odd settings) the call may not have applied `mode`: set it exactly.
            guard fchmod(fd, mode) == 0 else { throw DurableFileError(step: "chmod \(temporary)", code: errno) }
            try writeAll(bytes, to: fd, path: temporary)
            guard fsync(fd) == 0 else { throw DurableFileError(step: "fsync \(temporary)", code: errno) }
            guard close(fd) == 0 else { throw DurableFileError(step: "close \(temporary)", code: errno) }
        } catch {
            close(fd)
            unlink(temporary)
            throw error
        }
        guard rename(temporary, url.path) == 0 else {
            let code = errno
            unlink(temporary)
            throw DurableFileError(step: "rename \(temporary) to \(url.path)", code: code)
        }
        // The rename itself is durable only once the folder's entry is on disk.
        let folderFD = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard folderFD >= 0 else { throw DurableFileError(step: "open folder \(folder)", code: errno) }
        defer { close(folderFD) }
        guard fsync(folderFD) == 0 else { throw DurableFileError(step: "fsync folder \(folder)", code: errno) }
    }

    private static func writeAll(_ bytes: [UInt8], to fd: Int32, path: String) throws(DurableFileError) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                write(fd, buffer.baseAddress.map { $0 + offset }, bytes.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw DurableFileError(step: "write \(path)", code: errno)
            }
            offset += written
        }
    }
}
