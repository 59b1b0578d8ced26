// The file `--data FILE` names: loaded once at start, replaced whole and atomically after every change.
import Foundation
import JSONModel
import Synchronization

/// Why a data file could not be loaded; names the file and the problem.
public struct ToolDataFileError: Error, CustomStringConvertible {
    /// The file's path.
    public var path: String
    /// What is wrong, e.g. `invalid JSON at byte 12: ...` or `tools[0].status must be one of ...`.
    public var problem: String

    public var description: String { "cannot load tool server data file \(path): \(problem)" }
}

/// The server's own state on disk: every tool and revision with real secret values, in a file of mode 0600.
final class ToolDataFile: Sendable {
    /// Owner read and write only: the file holds secure header and query values in clear.
    static let mode: mode_t = 0o600

    let url: URL
    /// Held for a whole snapshot-and-replace, so that writes never interleave and the last one holds the newest state.
    private let writing = Mutex(())

    init(url: URL) { self.url = url }

    /// The snapshot in the file, or nil when there is no file.
    /// - Throws: `ToolDataFileError` when the file cannot be read or is not a valid data file.
    func load() throws(ToolDataFileError) -> ToolStoreSnapshot? {
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        let bytes: [UInt8]
        do {
            bytes = Array(try Data(contentsOf: url))
        } catch {
            throw ToolDataFileError(path: url.path, problem: "cannot be read: \(error.localizedDescription)")
        }
        do {
            return try ToolStoreSnapshot(json: try JSONValue.parse(bytes))
        } catch let error as JSONParseError {
            throw ToolDataFileError(path: url.path, problem: error.description)
        } catch {
            throw ToolDataFileError(path: url.path, problem: "\(error)")
        }
    }

    /// Takes `snapshot()` and replaces the file with it, one call at a time.
    /// - Throws: `DurableFileError` when the file cannot be replaced; the previous file is then left as it was.
    func save(_ snapshot: () -> ToolStoreSnapshot) throws(DurableFileError) {
        try writing.withLock { _ throws(DurableFileError) in
            try DurableFile.replace(url, with: snapshot().json.encoded(), mode: Self.mode)
        }
    }
}
