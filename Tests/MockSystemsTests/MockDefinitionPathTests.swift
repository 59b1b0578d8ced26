// Mock definitions never read files: a path in a definition is plain data, no key loads a file, and a system's name
// (which names its journal file) cannot leave the journal folder.
import Foundation
import HTTPWire
import JSONModel
import Testing
@testable import MockSystems

@Suite struct MockDefinitionPathTests {
    /// Paths everywhere a definition holds data: seed records, a literal body, templates with path-like expressions.
    static let pathsJSON = #"""
    {
      "name": "paths",
      "collections": {"files": {"id_prefix": "f-", "seed": [{"id": "f-1", "file": "../../../../etc/passwd", "abs": "/etc/hostname"}]}},
      "routes": [
        {"id": "seeded", "method": "GET", "path": "/files/{id}", "auth": false, "action": {"get": "files"},
         "response": {"body": {"record": "{{record}}"}}},
        {"id": "literal", "method": "GET", "path": "/literal", "auth": false,
         "response": {"headers": {"X-File": "/etc/passwd"}, "body": {"path": "../secret.txt", "abs": "/etc/passwd", "url": "file:///etc/passwd",
                      "env": "{{env.HOME}}", "file": "{{file./etc/passwd}}", "mixed": "at {{file:/etc/passwd}} end"}}}
      ]
    }
    """#

    @Test func definition_TreatsPathsAsPlainData_NeverAsFilesToRead() async throws {
        let system = try MockSystem.make(definition: MockDefinition.load(json: Array(Self.pathsJSON.utf8), file: "paths.json"))
        defer { system.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }

        let literal = try await client.send("GET", system.url("/literal"))
        #expect(literal.status == 200)
        #expect(literal.headers["X-File"] == "/etc/passwd")
        let body = try JSONValue.parse(literal.body)
        #expect(body["path"] == "../secret.txt")
        #expect(body["abs"] == "/etc/passwd")
        #expect(body["url"] == "file:///etc/passwd")
        #expect(body["env"] == .null, "templates read the request and the store, not the environment")
        #expect(body["file"] == .null)
        #expect(body["mixed"] == "at  end")
        #expect(!literal.bodyText.contains("root:"), "no file content")

        let seeded = try await client.send("GET", system.url("/files/f-1"))
        #expect(seeded.status == 200)
        #expect(try JSONValue.parse(seeded.body)["record"]?["file"] == "../../../../etc/passwd")
        #expect(try JSONValue.parse(seeded.body)["record"]?["abs"] == "/etc/hostname")
    }

    /// Keys that would load a file in other mock tools are unknown keys here, refused wherever they appear.
    @Test(arguments: [
        #"{"name": "x", "include": "../other.json", "routes": [{"method": "GET", "path": "/"}]}"#,
        #"{"name": "x", "routes": [{"method": "GET", "path": "/", "response": {"body_file": "/etc/passwd"}}]}"#,
        #"{"name": "x", "routes": [{"method": "GET", "path": "/", "response": {"bodyFileName": "../x"}}]}"#,
        #"{"name": "x", "routes": [{"method": "GET", "path": "/", "template_file": "/etc/passwd"}]}"#,
        #"{"name": "x", "collections": {"c": {"seed_file": "../seed.json"}}, "routes": [{"method": "GET", "path": "/"}]}"#,
        #"{"name": "x", "$ref": "/etc/passwd", "routes": [{"method": "GET", "path": "/"}]}"#,
    ])
    func definition_RefusesKeysThatWouldNameAFile(_ json: String) {
        let error = #expect(throws: DefinitionError.self) { try MockDefinition.load(json: Array(json.utf8), file: "x.json") }
        #expect(error?.reason.hasPrefix("unknown key") == true, "\(String(describing: error))")
    }

    /// The name becomes `<journal folder>/<name>.jsonl`, so only `[a-z0-9_-]` is accepted.
    @Test(arguments: ["../evil", "/tmp/evil", "a/b", "..", "a\\b", "evil.jsonl", "~root", "café"])
    func definitionName_CannotLeaveTheJournalFolder(_ name: String) throws {
        let json = JSONValue.object(["name": .string(name), "routes": [["method": "GET", "path": "/"]]]).jsonText
        let error = #expect(throws: DefinitionError.self) { try MockDefinition.load(json: Array(json.utf8), file: "x.json") }
        #expect(error?.path == "name", "\(String(describing: error))")
    }

    @Test func loadAll_ReadsOnlyTheFolder_NotItsSubfolders() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("understudy-defs-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("nested"), withIntermediateDirectories: true)
        try Self.pathsJSON.write(to: folder.appendingPathComponent("paths.json"), atomically: true, encoding: .utf8)
        try "not json".write(to: folder.appendingPathComponent("nested/broken.json"), atomically: true, encoding: .utf8)
        try "not json".write(to: folder.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        #expect(try MockDefinition.loadAll(in: folder).map(\.name) == ["paths"])
    }
}
