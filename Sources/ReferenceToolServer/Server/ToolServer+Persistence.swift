// `--data FILE`: the store is written whole after every successful change, before the client gets the answer.
import Foundation
import HTTPWire

extension ToolServer {
    /// The store `configuration.dataFile` holds, or an empty one when there is no file (or none configured).
    /// - Throws: `ToolDataFileError` when the file exists but cannot be read or is not a valid data file.
    static func loadStore(_ dataFile: ToolDataFile?) throws(ToolDataFileError) -> ToolStore {
        ToolStore(try dataFile?.load() ?? ToolStoreSnapshot())
    }

    /// `respond`, preceded by a save of the store when `route` changes it and the answer is a success.
    func persisting(_ route: ToolAPIRoute, _ respond: @escaping Respond) -> Respond {
        guard let dataFile, route.changesStore else { return respond }
        return { [self] response in
            if (200..<300).contains(response.status) { save(to: dataFile) }
            respond(response)
        }
    }

    /// Writes the store; a failure is logged and the server keeps serving from memory.
    private func save(to dataFile: ToolDataFile) {
        do {
            try dataFile.save { store.snapshot() }
        } catch {
            configuration.log?("data file \(dataFile.url.path) not written, changes are kept in memory only: \(error)")
        }
    }
}

extension ToolAPIRoute {
    /// Whether a successful answer to this route means the store changed.
    var changesStore: Bool {
        switch self {
        case .createTool, .updateTool, .deleteTool, .enableTool, .disableTool,
             .createRevision, .updateRevision, .deleteRevision, .setActiveRevision:
            return true
        case .listTools, .getTool, .executeTool, .listRevisions, .getRevision, .testRevision, .previewTransferDestination,
             .revisionImpact:
            return false
        }
    }
}
