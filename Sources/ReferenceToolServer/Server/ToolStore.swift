// The reference server's tools and revisions: in memory, thread-safe, in creation order.
import Foundation
import Synchronization

/// Tools and their revisions. Every method is atomic; lists come back in creation order with a stable sort key.
final class ToolStore: Sendable {
    private struct State {
        var tools: [String: ToolRecord] = [:]
        var revisions: [String: ToolRevision] = [:]
        /// Creation sequence per id (tools and revisions share it): the key lists and cursors sort by.
        var sequence: [String: Int] = [:]
        var next = 0
    }

    private let state: Mutex<State>

    /// A store holding `snapshot` (empty by default).
    init(_ snapshot: ToolStoreSnapshot = ToolStoreSnapshot()) {
        var initial = State()
        (initial.tools, initial.revisions, initial.sequence, initial.next) = (snapshot.tools, snapshot.revisions, snapshot.sequence, snapshot.next)
        state = Mutex(initial)
    }

    /// Everything the store holds, taken atomically.
    func snapshot() -> ToolStoreSnapshot {
        state.withLock { state in
            var snapshot = ToolStoreSnapshot()
            (snapshot.tools, snapshot.revisions, snapshot.sequence, snapshot.next) = (state.tools, state.revisions, state.sequence, state.next)
            return snapshot
        }
    }

    /// A sort key that orders by creation: zero-padded so string order equals creation order.
    func key(_ id: String) -> String {
        let number = state.withLock { $0.sequence[id] } ?? 0
        let digits = String(number)
        return String(repeating: "0", count: max(0, 12 - digits.count)) + digits
    }

    func insert(_ record: ToolRecord, _ revision: ToolRevision?) {
        state.withLock { state in
            state.sequence[record.id] = state.next
            state.next += 1
            state.tools[record.id] = record
            if let revision { Self.put(revision, into: &state) }
        }
    }

    func tool(_ id: String) -> (record: ToolRecord, active: ToolRevision?)? {
        state.withLock { state in
            guard let record = state.tools[id] else { return nil }
            return (record, record.activeRevisionID.flatMap { state.revisions[$0] })
        }
    }

    /// Every tool with its active revision, in creation order.
    func tools() -> [(record: ToolRecord, active: ToolRevision?)] {
        state.withLock { state in
            state.tools.values.sorted { state.sequence[$0.id, default: 0] < state.sequence[$1.id, default: 0] }
                .map { ($0, $0.activeRevisionID.flatMap { id in state.revisions[id] }) }
        }
    }

    func replace(_ record: ToolRecord) { state.withLock { $0.tools[record.id] = record } }

    /// Removes a tool and all its revisions; false when there was none.
    func delete(_ id: String) -> Bool {
        state.withLock { state in
            guard state.tools.removeValue(forKey: id) != nil else { return false }
            for (revisionID, revision) in state.revisions where revision.toolID == id { state.revisions[revisionID] = nil }
            return true
        }
    }

    func insertRevision(_ revision: ToolRevision) { state.withLock { Self.put(revision, into: &$0) } }

    func revision(_ id: String) -> ToolRevision? { state.withLock { $0.revisions[id] } }

    func replaceRevision(_ revision: ToolRevision) { state.withLock { $0.revisions[revision.id] = revision } }

    func deleteRevision(_ id: String) { _ = state.withLock { $0.revisions.removeValue(forKey: id) } }

    /// A tool's revisions in creation order.
    func revisions(of toolID: String) -> [ToolRevision] {
        state.withLock { state in
            state.revisions.values.filter { $0.toolID == toolID }
                .sorted { state.sequence[$0.id, default: 0] < state.sequence[$1.id, default: 0] }
        }
    }

    private static func put(_ revision: ToolRevision, into state: inout State) {
        if state.sequence[revision.id] == nil {
            state.sequence[revision.id] = state.next
            state.next += 1
        }
        state.revisions[revision.id] = revision
    }
}
