// Writing a file so that a crash leaves either the old or the new content, never half of one.
import Foundation

enum AtomicFile {
    /// Writes `bytes` to a temporary file beside `url`, flushes it to disk, then renames it over `url`.
    static func write(_ bytes: [UInt8], to url: URL) throws {
        try Data(bytes).write(to: url, options: .atomic)
    }
}
