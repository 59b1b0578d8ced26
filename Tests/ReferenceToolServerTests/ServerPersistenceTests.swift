// End to end over loopback: `dataFile` keeps tools, revisions, status and secrets across a restart, atomically, mode 0600.
import Foundation
import HTTPWire
import JSONModel
import MockSystems
import Testing
@testable import ReferenceToolServer

@Suite struct ServerPersistenceTests {
    /// What the first server showed, to compare with what the restarted one shows.
    struct Shown {
        var callbackID: String
        var disabledID: String
        var activeRevisionID: String
        var list: JSONValue
        var revisions: JSONValue
        var tools: [JSONValue]
        var secondPageCursor: String
    }

    /// Creates the callback tool (secure header, metadata, input defaults) with a second, active revision; a second
    /// api_call tool, disabled; a call_transfer tool. Returns what the server then shows.
    static func populate(_ harness: ServerHarness, crm: MockSystem) async throws -> Shown {
        var callback = CallbackLeadTool.feather(crm: crm).objectValue ?? [:]
        callback["metadata"] = ["team": "sales", "priority": 2]
        callback["input_defaults"] = ["reason": ["value": "Wants a demo", "type": "default"]]
        let callbackID = try await harness.createTool(.object(callback))
        let revision = try await harness.request("POST", "/v1/tools/\(callbackID)/revisions", json: [
            "name": "maps status", "configuration": CallbackLeadTool.configuration(crm: crm),
            "response_schema": ["field_mappings": [["path": "status", "alias": "state"]]],
        ])
        let revisionID = try #require(revision.json["id"]?.stringValue, "\(revision.text)")
        let switched = try await harness.request("POST", "/v1/tools/\(callbackID)/set-active-revision",
                                                 json: ["revision_id": .string(revisionID)])
        #expect(switched.status == 200, "\(switched.text)")
        let disabledID = try await harness.createTool(ServerFeatherAccessTests.tool("lookup_order"))
        _ = try await harness.createTool(["name": "transfer_to_sales", "tool_type": "call_transfer",
                                          "transfer_target": ["destination": "sip:sales@pbx.example.com:5061", "mode": "warm"]])
        // Last, so that only its own write can carry the status to the file.
        let disabled = try await harness.request("POST", "/v1/tools/\(disabledID)/disable")
        #expect(disabled.status == 204, "\(disabled.text)")
        let firstPage = try await harness.request("GET", "/v1/tools?limit=2")
        var tools: [JSONValue] = []
        for id in [callbackID, disabledID] { tools.append(try await harness.request("GET", "/v1/tools/\(id)").json) }
        return Shown(
            callbackID: callbackID, disabledID: disabledID, activeRevisionID: revisionID,
            list: try await harness.request("GET", "/v1/tools").json,
            revisions: try await harness.request("GET", "/v1/tools/\(callbackID)/revisions").json,
            tools: tools, secondPageCursor: try #require(firstPage.json["next_cursor"]?.stringValue, "\(firstPage.text)"))
    }

    // persistence.restart: same ids, answers, order, cursors and status; the secret still reaches the CRM.
    @Test func restart_OnTheSameFile_ShowsEverything_AndTheSecretStillReachesTheCRM() async throws {
        let crm = try CallbackLeadTool.startCRM()
        defer { crm.stop() }
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let file = folder.file("tools.json")
        let first = try ServerHarness.start { $0.dataFile = file }
        let shown: Shown
        do {
            defer { first.stop() }
            shown = try await Self.populate(first, crm: crm)
        }
        #expect(shown.list["items"]?.arrayValue?.count == 3, "\(shown.list.jsonText)")

        let second = try ServerHarness.start { $0.dataFile = file }
        defer { second.stop() }
        let list = try await second.request("GET", "/v1/tools")
        let revisions = try await second.request("GET", "/v1/tools/\(shown.callbackID)/revisions")
        #expect(list.json == shown.list, "\(list.text)")
        #expect(revisions.json == shown.revisions, "\(revisions.text)")
        for (id, before) in zip([shown.callbackID, shown.disabledID], shown.tools) {
            #expect(try await second.request("GET", "/v1/tools/\(id)").json == before)
        }
        // Cursors survive: the first server's cursor still leads to the third tool.
        let secondPage = try await second.request("GET", "/v1/tools?limit=2&cursor=\(shown.secondPageCursor)")
        #expect(secondPage.json["items"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["transfer_to_sales"],
                "\(secondPage.text)")

        let executed = try await second.request("POST", "/v1/tools/\(shown.callbackID)/execute", json: ["input": CallbackLeadTool.input()])
        let refused = try await second.request("POST", "/v1/tools/\(shown.disabledID)/execute", json: ["input": [:]])
        #expect(executed.json["success"] == true && executed.json["body"] == ["state": "queued"], "\(executed.text)")
        #expect(CallbackLeadTool.callbackRequests(crm).map { $0.headerValue("Authorization") } == ["Bearer \(ServerHarness.crmToken)"])
        #expect(refused.status == 409 && refused.json["error"] == "tool_disabled", "\(refused.text)")

        // New ids sort after the loaded ones.
        let newID = try await second.createTool(ServerFeatherAccessTests.tool("after_restart"))
        let ids = try await second.request("GET", "/v1/tools").json["items"]?.arrayValue?.compactMap { $0["id"]?.stringValue }
        #expect(ids?.last == newID && ids?.count == 4)
    }

    // persistence.atomic: under many concurrent creates every read of the file parses, and the last write has them all.
    @Test func concurrentCreates_FileAlwaysParses_AndEndsWithEveryTool() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let file = folder.file("tools.json")
        let harness = try ServerHarness.start { $0.dataFile = file }
        defer { harness.stop() }
        let count = 40

        let (ids, reads) = try await withThrowingTaskGroup(of: String?.self) { group in
            for index in 0..<count {
                group.addTask { try await harness.createTool(ServerFeatherAccessTests.tool("tool_\(index)")) }
            }
            var ids: [String] = []
            var reads = 0
            while ids.count < count {
                // Read and parse the file between answers: a reader must never see half a write.
                if let bytes = try? Data(contentsOf: file) {
                    reads += 1
                    #expect(throws: Never.self) { _ = try ToolStoreSnapshot(json: try JSONValue.parse(Array(bytes))) }
                }
                guard let next = try await group.next() else { break }
                if let id = next { ids.append(id) }
            }
            return (ids, reads)
        }

        let stored = try ToolStoreSnapshot(json: try JSONValue.parse(Array(try Data(contentsOf: file))))
        #expect(reads > 0)
        #expect(Set(stored.tools.keys) == Set(ids) && ids.count == count)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.url.path)
        #expect(leftovers == ["tools.json"], "temporary files left: \(leftovers)")
    }

    // persistence.bad-file: a corrupt or inconsistent file stops the server with a message naming the file and problem.
    @Test(arguments: [
        (#"{"format": "understudy.tool-server-data", "version": 1, "tools": ["#, "invalid JSON"),
        (#"{"name": "not ours"}"#, "format"),
        (#"{"format": "understudy.tool-server-data", "version": 1, "next_sequence": 1, "revisions": [], "tools": [{"sequence": 0, "id": "t1", "name": "x", "tool_type": "api_call", "metadata": {}, "status": "sleeping", "behaviour": {"run_in_background": false, "speak_during_execution": false}, "created_at": 0, "updated_at": 0}]}"#,
         "tools[0].status"),
    ])
    func corruptFile_FailsStart_NamingTheFileAndTheProblem(content: String, problem: String) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let file = folder.file("tools.json")
        try Data(content.utf8).write(to: file)

        let error = #expect(throws: ToolDataFileError.self) { try ServerHarness.start { $0.dataFile = file }.stop() }

        #expect(error?.description.contains(file.path) == true, "\(String(describing: error))")
        #expect(error?.description.contains(problem) == true, "\(String(describing: error))")
    }

    // A missing file is an empty store; the file appears with the first change.
    @Test func missingFile_StartsEmpty_AndIsCreatedByTheFirstChange() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let file = folder.file("tools.json")
        let harness = try ServerHarness.start { $0.dataFile = file }
        defer { harness.stop() }

        let empty = try await harness.request("GET", "/v1/tools")
        #expect(empty.json["items"] == [] && !FileManager.default.fileExists(atPath: file.path))
        let id = try await harness.createTool(ServerFeatherAccessTests.tool())
        let stored = try ToolStoreSnapshot(json: try JSONValue.parse(Array(try Data(contentsOf: file))))
        #expect(Array(stored.tools.keys) == [id])
    }

    // persistence.mode: the file is 0600 even when the previous one was readable by others.
    @Test func dataFile_IsMode0600() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let file = folder.file("tools.json")
        try Data(ToolStoreSnapshot().json.encoded()).write(to: file)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file.path)
        let harness = try ServerHarness.start { $0.dataFile = file }
        defer { harness.stop() }

        _ = try await harness.createTool(ServerFeatherAccessTests.tool())

        let mode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
        #expect(mode == 0o600, "mode \(String(mode ?? -1, radix: 8))")
    }

    // persistence.write-failure: a write that fails is logged; the change is answered and served from memory.
    @Test func failedWrite_IsLogged_AndTheServerKeepsServing() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let log = CapturedLog()
        let file = folder.file("tools.json")
        let harness = try ServerHarness.start {
            $0.dataFile = file
            $0.log = log.sink
        }
        defer { harness.stop() }
        folder.remove()

        let created = try await harness.request("POST", "/v1/tools", json: ServerFeatherAccessTests.tool())
        let listed = try await harness.request("GET", "/v1/tools")

        #expect(created.status == 201, "\(created.text)")
        #expect(listed.json["items"]?.arrayValue?.count == 1)
        #expect(log.all.contains { $0.contains("data file \(file.path) not written") }, "\(log.all)")
    }
}
