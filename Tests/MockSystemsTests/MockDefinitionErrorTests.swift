// Definitions that do not load say which file, where in it (a JSON path) and what was wrong; folders load in order.
import Foundation
import Testing
@testable import MockSystems

@Suite struct MockDefinitionErrorTests {
    /// A definition with one route whose parts the cases replace.
    static func definition(top: String = #""name": "orders""#, route: String = #""id": "r", "method": "GET", "path": "/orders""#,
                           extraRoute: String? = nil) -> String {
        "{\(top), \"routes\": [{\(route)}\(extraRoute.map { ", {\($0)}" } ?? "")]}"
    }

    /// A definition that must fail, where the error must point, and words its reason must hold.
    struct BadDefinition: Sendable, CustomTestStringConvertible {
        var label: String
        var json: String
        var path: String
        var reason: String
        var testDescription: String { label }
    }

    static let badDefinitions: [BadDefinition] = [
        BadDefinition(label: "not JSON", json: #"{"name": "#, path: "", reason: "invalid JSON"),
        BadDefinition(label: "unknown top-level key", json: definition(top: #""name": "orders", "colour": "red""#),
                      path: "colour", reason: "unknown key"),
        BadDefinition(label: "unknown route key", json: definition(route: #""method": "GET", "path": "/", "verb": "GET""#),
                      path: "routes[0].verb", reason: "unknown key"),
        BadDefinition(label: "missing name", json: definition(top: #""title": "Orders""#), path: "name", reason: "is required"),
        BadDefinition(label: "bad name", json: definition(top: #""name": "Orders!""#), path: "name", reason: "lowercase"),
        BadDefinition(label: "no routes", json: #"{"name": "orders", "routes": []}"#, path: "routes", reason: "at least one route"),
        BadDefinition(label: "bad route method", json: definition(route: #""method": "GET /", "path": "/""#),
                      path: "routes[0].method", reason: "HTTP method"),
        BadDefinition(label: "relative path", json: definition(route: #""method": "GET", "path": "orders""#),
                      path: "routes[0].path", reason: "must start with '/'"),
        BadDefinition(label: "unknown collection in an action",
                      json: definition(route: #""method": "POST", "path": "/o", "action": {"create": "orders"}"#),
                      path: "routes[0].action.create", reason: "no collection named 'orders'"),
        BadDefinition(label: "bad field type",
                      json: definition(route: #""method": "POST", "path": "/o", "body": {"item": {"type": "text"}}"#),
                      path: "routes[0].body.item.type", reason: "unknown type 'text'"),
        BadDefinition(label: "bad format",
                      json: definition(route: #""method": "POST", "path": "/o", "body": {"phone": {"format": "phone"}}"#),
                      path: "routes[0].body.phone.format", reason: "unknown format 'phone'"),
        BadDefinition(label: "bad regex pattern",
                      json: definition(route: #""method": "GET", "path": "/o", "query": {"q": {"pattern": "([a-z"}}"#),
                      path: "routes[0].query.q.pattern", reason: "not a valid regular expression"),
        BadDefinition(label: "unclosed placeholder",
                      json: definition(route: #""method": "GET", "path": "/o", "response": {"body": {"id": "order {{path.id"}}"#),
                      path: "routes[0].response.body.id", reason: "not closed"),
        BadDefinition(label: "duplicate route id", json: definition(extraRoute: #""id": "r", "method": "POST", "path": "/orders""#),
                      path: "routes[1].id", reason: "duplicate route id 'r'"),
        BadDefinition(label: "issue_token without oauth_issuer",
                      json: definition(route: #""method": "POST", "path": "/token", "action": {"issue_token": true}"#),
                      path: "routes[0].action.issue_token", reason: "oauth_issuer"),
        BadDefinition(label: "a bad fault rule in the definition",
                      json: definition(top: #""name": "orders", "faults": [{"action": {"type": "respond", "status": 99}}]"#),
                      path: "faults[0].action.status", reason: "100 to 599"),
        BadDefinition(label: "an action doing two things",
                      json: definition(top: #""name": "orders", "collections": {"o": {}}"#,
                                       route: #""method": "GET", "path": "/o/{id}", "action": {"get": "o", "delete": "o"}"#),
                      path: "routes[0].action.delete", reason: "an action does one thing; this one also says 'get'"),
        BadDefinition(label: "update of an undeclared collection",
                      json: definition(route: #""method": "PATCH", "path": "/o/{id}", "action": {"update": "o"}"#),
                      path: "routes[0].action.update", reason: "no collection named 'o'"),
        BadDefinition(label: "an empty when", json: definition(route: #""method": "GET", "path": "/o", "when": []"#),
                      path: "routes[0].when", reason: "at least one conditional answer"),
        BadDefinition(label: "a when without if",
                      json: definition(route: #""method": "GET", "path": "/o", "when": [{"response": {"status": 409}}]"#),
                      path: "routes[0].when[0].if", reason: "is required"),
        BadDefinition(label: "a when without response",
                      json: definition(route: #""method": "GET", "path": "/o", "when": [{"if": {"query": {"a": "1"}}}]"#),
                      path: "routes[0].when[0].response", reason: "is required"),
        BadDefinition(label: "an empty condition",
                      json: definition(route: #""method": "GET", "path": "/o", "when": [{"if": {}, "response": {}}]"#),
                      path: "routes[0].when[0].if", reason: "at least one of: body, query, headers, exists, missing"),
        BadDefinition(label: "an unknown condition key",
                      json: definition(route: #""method": "GET", "path": "/o", "when": [{"if": {"cookie": {}}, "response": {}}]"#),
                      path: "routes[0].when[0].if.cookie", reason: "unknown key"),
        BadDefinition(label: "exists on an undeclared collection",
                      json: definition(route: #""method": "GET", "path": "/o", "when": [{"if": {"exists": {"collection": "o", "where": {"a": 1}}}, "response": {}}]"#),
                      path: "routes[0].when[0].if.exists.collection", reason: "no collection named 'o'"),
        BadDefinition(label: "exists without where",
                      json: definition(top: #""name": "orders", "collections": {"o": {}}"#,
                                       route: #""method": "GET", "path": "/o", "when": [{"if": {"missing": {"collection": "o"}}, "response": {}}]"#),
                      path: "routes[0].when[0].if.missing.where", reason: "at least one field"),
        BadDefinition(label: "a bad status in a conditional response",
                      json: definition(route: #""method": "GET", "path": "/o", "when": [{"if": {"query": {"a": "1"}}, "response": {"status": 700}}]"#),
                      path: "routes[0].when[0].response.status", reason: "must be 100 to 599, got 700"),
        BadDefinition(label: "unknown auth scheme", json: definition(top: #""name": "orders", "auth": {"scheme": "magic"}"#),
                      path: "auth.scheme", reason: "unknown scheme 'magic'"),
    ]

    @Test(arguments: badDefinitions)
    func load_FailsWithFilePathAndReason(_ bad: BadDefinition) {
        #expect {
            try MockDefinition.load(json: Array(bad.json.utf8), file: "orders.json")
        } throws: { error in
            guard let error = error as? DefinitionError else { return false }
            return error.file == "orders.json" && error.path == bad.path && error.reason.contains(bad.reason)
                && error.description.hasPrefix("orders.json: ")
        }
    }

    @Test func definition_BuildsValidly_WhenNotBroken() throws {
        // The cases above break one thing each in this definition; it must load as it is.
        let definition = try MockDefinition.load(json: Array(Self.definition().utf8), file: "orders.json")
        #expect(definition.name == "orders" && definition.routes.map(\.id) == ["r"])
    }

    @Test func loadContentsOf_NamesTheFile() throws {
        let folder = try Self.makeFolder(["broken.json": Self.definition(top: #""title": "x""#)])
        defer { try? FileManager.default.removeItem(at: folder) }

        #expect(throws: DefinitionError(file: "broken.json", path: "name", reason: "is required and must be a non-empty string")) {
            try MockDefinition.load(contentsOf: folder.appendingPathComponent("broken.json"))
        }
    }

    @Test func loadAll_LoadsJSONFilesSortedByFileName_AndSkipsOthers() throws {
        let folder = try Self.makeFolder([
            "b.json": Self.definition(top: #""name": "beta""#),
            "a.json": Self.definition(top: #""name": "alpha""#),
            "notes.txt": "not a definition",
        ])
        defer { try? FileManager.default.removeItem(at: folder) }

        let definitions = try MockDefinition.loadAll(in: folder)

        #expect(definitions.map(\.name) == ["alpha", "beta"])
        #expect(definitions.map(\.source) == ["a.json", "b.json"])
    }

    @Test func loadAll_Fails_ForABadFileADuplicateNameOrAMissingFolder() throws {
        let bad = try Self.makeFolder(["good.json": Self.definition(), "bad.json": Self.definition(top: #""name": 7"#)])
        defer { try? FileManager.default.removeItem(at: bad) }
        let twins = try Self.makeFolder(["one.json": Self.definition(), "two.json": Self.definition()])
        defer { try? FileManager.default.removeItem(at: twins) }

        #expect(throws: DefinitionError(file: "bad.json", path: "name", reason: "expected a string, got integer")) {
            try MockDefinition.loadAll(in: bad)
        }
        #expect {
            try MockDefinition.loadAll(in: twins)
        } throws: { error in
            (error as? DefinitionError).map { $0.file == "two.json" && $0.path == "name" && $0.reason.contains("'orders'") } == true
        }
        #expect {
            try MockDefinition.loadAll(in: bad.appendingPathComponent("missing"))
        } throws: { error in
            (error as? DefinitionError)?.reason.contains("cannot list the folder") == true
        }
    }

    @Test func loadPaths_TakesFilesAndFolders_AndRefusesTwoDefinitionsOfOneName() throws {
        let folder = try Self.makeFolder(["a.json": Self.definition(top: #""name": "alpha""#),
                                          "b.json": Self.definition(top: #""name": "beta""#)])
        defer { try? FileManager.default.removeItem(at: folder) }
        let single = try Self.makeFolder(["orders.json": Self.definition(), "alpha.json": Self.definition(top: #""name": "alpha""#)])
        defer { try? FileManager.default.removeItem(at: single) }

        let loaded = try MockDefinition.load(paths: [single.appendingPathComponent("orders.json"), folder])

        #expect(loaded.map(\.name) == ["orders", "alpha", "beta"])
        #expect(throws: DefinitionError(file: "a.json", path: "name", reason: "alpha.json already defines a system named 'alpha'")) {
            try MockDefinition.load(paths: [single.appendingPathComponent("alpha.json"), folder])
        }
        #expect(throws: DefinitionError(file: folder.appendingPathComponent("none.json").path, path: "", reason: "no such file or folder")) {
            try MockDefinition.load(paths: [folder.appendingPathComponent("none.json")])
        }
    }

    @Test func builtinsWith_ReplacesABuiltInInItsPlace_AndAppendsTheRest() throws {
        let crm = try MockDefinition.load(json: Array(Self.definition(top: #""name": "crm", "title": "my CRM""#).utf8), file: "crm.json")
        let orders = try MockDefinition.load(json: Array(Self.definition().utf8), file: "orders.json")

        let merged = try MockDefinition.builtins(with: [orders, crm])

        #expect(merged.map(\.name) == MockDefinition.builtinNames + ["orders"])
        #expect(merged.first { $0.name == "crm" }?.title == "my CRM")
        #expect(try MockDefinition.builtins(with: []).map(\.source) == MockDefinition.builtinNames.map { "\($0).json (built in)" })
    }

    @Test func exportBuiltins_WritesTheShippedBytes_IsRepeatable_AndNeverOverwritesOtherContent() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mock-export-\(UUID().uuidString)/defs")
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }

        let written = try MockDefinition.exportBuiltins(to: folder)
        let again = try MockDefinition.exportBuiltins(to: folder)
        try Data("{\"edited\": true}".utf8).write(to: folder.appendingPathComponent("oauth.json"))

        #expect(written.map(\.lastPathComponent) == MockDefinition.builtinNames.map { "\($0).json" } && again == written)
        for name in MockDefinition.builtinNames {
            let bytes = try Data(contentsOf: folder.appendingPathComponent("\(name).json"))
            if name != "oauth" { #expect(bytes == Data((MockDefinition.builtinJSON(name) ?? "").utf8), "\(name)") }
        }
        #expect {
            try MockDefinition.exportBuiltins(to: folder)
        } throws: { error in
            (error as? DefinitionError).map { $0.file.hasSuffix("defs/oauth.json") && $0.reason.contains("not overwritten") } == true
        }
        #expect(try Data(contentsOf: folder.appendingPathComponent("oauth.json")) == Data("{\"edited\": true}".utf8))
    }

    /// A fresh temporary folder holding `files` (name -> text).
    static func makeFolder(_ files: [String: String]) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mock-definitions-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, text) in files { try Data(text.utf8).write(to: folder.appendingPathComponent(name)) }
        return folder
    }
}
