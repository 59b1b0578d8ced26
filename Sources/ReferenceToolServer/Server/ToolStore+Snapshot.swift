// The store's whole state as one JSON document: what `--data FILE` holds, secrets included (the file is mode 0600).
import Foundation
import JSONModel

/// Everything a `ToolStore` holds, including the creation sequence that orders lists and cursors.
struct ToolStoreSnapshot: Sendable, Equatable {
    /// Names the document kind, so that another JSON file given by mistake is refused clearly.
    static let format = "understudy.tool-server-data"
    /// The only version this build reads and writes.
    static let version = 1

    var tools: [String: ToolRecord] = [:]
    var revisions: [String: ToolRevision] = [:]
    /// Creation sequence per tool and revision id (they share it).
    var sequence: [String: Int] = [:]
    /// The sequence number the next created tool or revision gets.
    var next = 0

    /// The document: `{format, version, next_sequence, tools: [...], revisions: [...]}`, each list in creation order.
    /// Secure header and query values are written with their real values.
    var json: JSONValue {
        let order = { (id: String) in sequence[id, default: 0] }
        let tools = tools.values.sorted { order($0.id) < order($1.id) }.map { $0.snapshotJSON(sequence: order($0.id)) }
        let revisions = revisions.values.sorted { order($0.id) < order($1.id) }.map { $0.snapshotJSON(sequence: order($0.id)) }
        return [
            "format": .string(Self.format), "version": .int(Self.version), "next_sequence": .int(next),
            "tools": .array(tools), "revisions": .array(revisions),
        ]
    }

    /// Reads a document `json` wrote.
    /// - Throws: `SnapshotProblem` naming the first field that is missing, of the wrong type or inconsistent
    ///   (a duplicate id, a revision of an unknown tool, an active revision that does not exist).
    init(json: JSONValue) throws(SnapshotProblem) {
        let root = try SnapshotReader(json, path: "")
        guard root.object["format"]?.stringValue == Self.format else {
            throw SnapshotProblem(path: "format", problem: "must be \"\(Self.format)\"; this is not a tool server data file")
        }
        guard root.object["version"] == .int(Self.version) else {
            throw SnapshotProblem(path: "version", problem: "must be \(Self.version), got \(root.object["version"]?.jsonText ?? "nothing")")
        }
        next = try root.requiredInt("next_sequence")
        for reader in try root.readers("tools") {
            let record = try ToolRecord(snapshot: reader)
            guard tools[record.id] == nil else { throw SnapshotProblem(path: reader.child("id"), problem: "repeats id '\(record.id)'") }
            tools[record.id] = record
            sequence[record.id] = try reader.requiredInt("sequence")
        }
        for reader in try root.readers("revisions") {
            let revision = try ToolRevision(snapshot: reader)
            guard revisions[revision.id] == nil, tools[revision.id] == nil else {
                throw SnapshotProblem(path: reader.child("id"), problem: "repeats id '\(revision.id)'")
            }
            guard tools[revision.toolID] != nil else {
                throw SnapshotProblem(path: reader.child("tool_id"), problem: "names no tool in the file: '\(revision.toolID)'")
            }
            revisions[revision.id] = revision
            sequence[revision.id] = try reader.requiredInt("sequence")
        }
        for record in tools.values {
            if let active = record.activeRevisionID, revisions[active]?.toolID != record.id {
                throw SnapshotProblem(path: "tools (id '\(record.id)').active_revision_id", problem: "names no revision of this tool: '\(active)'")
            }
        }
        // A hand-edited file must not make a new id reuse a sequence number (cursors would skip or repeat).
        next = max(next, (sequence.values.max() ?? -1) + 1)
    }

    init() {}
}

extension ToolRecord {
    func snapshotJSON(sequence: Int) -> JSONValue {
        [
            "sequence": .int(sequence), "id": .string(id), "name": .string(name),
            "description": description.map(JSONValue.string) ?? .null, "tool_type": .string(toolType.rawValue),
            "metadata": .object(metadata), "status": .string(status.rawValue),
            "active_revision_id": activeRevisionID.map(JSONValue.string) ?? .null,
            "behaviour": ["run_in_background": .bool(behaviour.runInBackground),
                          "speak_during_execution": .bool(behaviour.speakDuringExecution)],
            "created_at": createdAt.snapshotJSON, "updated_at": updatedAt.snapshotJSON,
        ]
    }

    init(snapshot reader: SnapshotReader) throws(SnapshotProblem) {
        let behaviour = try reader.requiredReader("behaviour")
        self.init(
            id: try reader.requiredString("id"), name: try reader.requiredString("name"), description: try reader.string("description", nullable: true),
            toolType: try reader.requiredChoice("tool_type", ToolType.self), metadata: try reader.requiredReader("metadata").object,
            status: try reader.requiredChoice("status", ToolStatus.self), activeRevisionID: try reader.string("active_revision_id", nullable: true),
            behaviour: ToolBehaviour(runInBackground: try behaviour.requiredBool("run_in_background"),
                                     speakDuringExecution: try behaviour.requiredBool("speak_during_execution")),
            createdAt: try reader.date("created_at"), updatedAt: try reader.date("updated_at"))
    }
}
