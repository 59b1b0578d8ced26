// Writing to the terminal without dying on a closed pipe (`understudy run | head -1`): a failed write is dropped.
import Foundation

enum Terminal {
    /// Writes `text` to standard output. A reader that went away (EPIPE) is not worth a crash: the rest is dropped.
    static func out(_ text: String) { try? FileHandle.standardOutput.write(contentsOf: Data(text.utf8)) }

    /// Writes `text` to standard error, likewise.
    static func error(_ text: String) { try? FileHandle.standardError.write(contentsOf: Data(text.utf8)) }
}
