// The data file's document: every stored field round-trips exactly, secrets in clear; inconsistencies are named.
import Foundation
import JSONModel
import Testing
@testable import ReferenceToolServer

@Suite struct ToolStoreSnapshotTests {
    /// A snapshot with every optional field set and no field at its default.
    static func make() -> ToolStoreSnapshot {
        let created = Date(timeIntervalSinceReferenceDate: 760_000_000.123_456_7)
        let configuration = APICallConfiguration(
            url: "https://crm.example.com/leads/{{id}}", method: .patch,
            headers: [KeyValueSetting(key: "Authorization", value: "Bearer real-secret", secure: true)],
            queryParams: [KeyValueSetting(key: "api_key", value: "q-secret", secure: true), KeyValueSetting(key: "v", value: "2")],
            body: ["count": "{{count}}", "nested": ["ratio": 0.25]], timeout: 7,
            variables: [VariableDefinition(name: "id", type: .str, description: "lead id", required: true),
                        VariableDefinition(name: "count", type: .int)],
            retry: RetryConfig(maxRetries: 3, baseDelaySeconds: 0.3, maxDelaySeconds: 4.5, jitter: false))
        var snapshot = ToolStoreSnapshot()
        snapshot.tools = [
            "t1": ToolRecord(id: "t1", name: "update_lead", description: "Updates", metadata: ["team": "sales", "n": 2],
                             status: .disabled, activeRevisionID: "r1",
                             behaviour: ToolBehaviour(runInBackground: true, speakDuringExecution: true),
                             createdAt: created, updatedAt: created.addingTimeInterval(1.5)),
            "t2": ToolRecord(id: "t2", name: "transfer", toolType: .callTransfer, activeRevisionID: "r2", createdAt: created, updatedAt: created),
        ]
        snapshot.revisions = [
            "r1": ToolRevision(id: "r1", toolID: "t1", name: "update_lead", description: "first", configuration: configuration,
                               responseSchema: ResponseFieldSelector(fieldMappings: [ResponseFieldMapping(path: "a.0.b", alias: "b"),
                                                                                     ResponseFieldMapping(path: "c")]),
                               inputDefaults: ["count": InputDefault(value: 3, kind: .pinned), "id": InputDefault(value: "x")],
                               status: .deprecated, createdAt: created, updatedAt: created.addingTimeInterval(0.001)),
            "r2": ToolRevision(id: "r2", toolID: "t2", name: "transfer",
                               transferTarget: TransferTarget(route: .source(DestinationSource(
                                   toolID: "t1", inputMapping: ["id": "{{caller}}"], responsePath: "owner.phone")), mode: .warm),
                               createdAt: created),
            "r3": ToolRevision(id: "r3", toolID: "t2", name: "static",
                               transferTarget: TransferTarget(route: .destination("+14155550123")), createdAt: created),
        ]
        snapshot.sequence = ["t1": 0, "r1": 1, "t2": 2, "r2": 3, "r3": 7]
        snapshot.next = 8
        return snapshot
    }

    @Test func snapshot_RoundTripsEveryFieldExactly_ThroughTheEncodedBytes() throws {
        let snapshot = Self.make()

        let bytes = snapshot.json.encoded()
        let decoded = try ToolStoreSnapshot(json: try JSONValue.parse(bytes))

        #expect(decoded == snapshot)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("Bearer real-secret") && text.contains("q-secret") && !text.contains(SecretMask.placeholder))
    }

    @Test(arguments: [
        ("r1", "nope", "revisions[0].tool_id names no tool"),
        ("t1", "gone", "active_revision_id names no revision"),
    ])
    func snapshot_RefusesDanglingReferences(id: String, value: String, problem: String) throws {
        var snapshot = Self.make()
        if id.hasPrefix("t") { snapshot.tools[id]?.activeRevisionID = value } else { snapshot.revisions[id]?.toolID = value }

        let error = #expect(throws: SnapshotProblem.self) { try ToolStoreSnapshot(json: snapshot.json) }

        #expect(error?.description.contains(problem) == true, "\(String(describing: error))")
    }

    @Test func store_LoadedFromASnapshot_GivesItBack() {
        let snapshot = Self.make()

        #expect(ToolStore(snapshot).snapshot() == snapshot)
    }
}
