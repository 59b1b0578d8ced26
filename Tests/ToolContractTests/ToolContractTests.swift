// The contract compiled into the binary is exactly the files in Sources/ToolContract/Resources, which stay its source.
import Foundation
import Testing
import ToolContract

@Suite struct ToolContractTests {
    /// `Sources/ToolContract/Resources` in the repository, found from this file's path (Tests/ToolContractTests/<file>).
    static let resources = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/ToolContract/Resources")

    static func file(_ name: String) throws -> [UInt8] {
        let data = try #require(FileManager.default.contents(atPath: resources.appendingPathComponent(name).path),
                                "Sources/ToolContract/Resources/\(name) is missing")
        return Array(data)
    }

    @Test func document_EqualsContractMarkdown_ByteForByte() throws {
        #expect(Array(try ToolContract.document().utf8) == (try Self.file("contract.md")))
    }

    @Test(arguments: ToolContract.openAPIDialects)
    func openAPI_EqualsTheDialectsFile_ByteForByte(_ dialect: String) throws {
        #expect(Array(try ToolContract.openAPI(dialect: dialect).utf8) == (try Self.file("\(dialect).openapi.json")))
    }

    @Test func openAPIDialects_AreExactlyTheOpenAPIFilesInResources() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.resources.path)
            .filter { $0.hasSuffix(".openapi.json") }
        #expect(files.sorted() == ToolContract.openAPIDialects.map { "\($0).openapi.json" }.sorted())
    }

    @Test func openAPI_ThrowsUnknownDialect_NamingTheKnownOnes() {
        let error = #expect(throws: ToolContract.UnknownDialect.self) { try ToolContract.openAPI(dialect: "contract") }
        #expect(error?.description == "no OpenAPI file for dialect 'contract'; have: feather, oneinbox")
    }
}
