// The definitions shipped in Mocks/: the embedded copies cannot drift from the files, and every file loads.
import Foundation
import Testing
@testable import MockSystems

@Suite struct MockDefinitionBuiltinTests {
    /// `Mocks/` in the repository, found from this file's path (Tests/MockSystemsTests/<file>).
    static let mocksFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Mocks")

    @Test(arguments: MockDefinition.builtinNames)
    func builtinJSON_EqualsTheFileInMocks_ByteForByte(_ name: String) throws {
        let file = try #require(FileManager.default.contents(atPath: Self.mocksFolder.appendingPathComponent("\(name).json").path),
                                "Mocks/\(name).json is missing")
        let embedded = try #require(MockDefinition.builtinJSON(name))
        // embed.sh puts the file between `#"""` lines; the literal drops the file's final newline.
        #expect(Array((embedded + "\n").utf8) == Array(file), "run Mocks/embed.sh after editing Mocks/\(name).json")
    }

    @Test func builtinNames_AreExactlyTheJSONFilesInMocks() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.mocksFolder.path).filter { $0.hasSuffix(".json") }
        #expect(files.sorted() == MockDefinition.builtinNames.map { "\($0).json" }.sorted())
    }

    @Test func everyFileInMocks_Loads_AndMatchesItsBuiltIn() throws {
        let loaded = try MockDefinition.loadAll(in: Self.mocksFolder)

        #expect(loaded.map(\.name) == ["crm", "oauth", "ticketing", "webhook"])
        for definition in loaded {
            let builtin = try MockDefinition.builtin(definition.name)
            #expect(definition.routes.map(\.id) == builtin.routes.map(\.id))
            #expect(definition.auth == builtin.auth)
            #expect(definition.source == "\(definition.name).json")
        }
    }

    @Test func builtin_ThrowsForAnUnknownName_ListingTheKnownOnes() {
        #expect {
            try MockDefinition.builtin("erp")
        } throws: { error in
            (error as? DefinitionError)?.reason.contains("crm, ticketing, webhook, oauth") == true
        }
    }

    @Test func builtins_DeclareTheDocumentedAuthAndCollections() throws {
        #expect(try MockDefinition.builtin("crm").auth == .bearer(token: "crm-token"))
        #expect(try MockDefinition.builtin("ticketing").auth == .apiKey(header: "X-API-Key", key: "ticketing-key"))
        #expect(try MockDefinition.builtin("webhook").auth == AuthRequirement.none)
        #expect(try MockDefinition.builtin("oauth").issuer?.clients.map(\.id) == ["understudy"])
        #expect(try MockDefinition.builtin("ticketing").collections.map(\.name) == ["tickets", "inventory"])
        #expect(try MockDefinition.builtin("ticketing").collections.first?.idStyle == .sequence(start: 1001))
    }
}
