// The EmbedResources plugin keeps every byte: this target embeds its own Resources/ (files made to break a naive
// string literal) and compares each with the file on disk.
import Foundation
import Testing

@Suite struct ResourceEmbeddingTests {
    /// This target's `Resources/`, found from this file's path.
    static let resources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Resources")

    static let fixtureNames = ["crlf-no-final-newline.txt", "empty.txt", "literal-breakers.txt"]

    @Test(arguments: fixtureNames)
    func embeddedText_EqualsTheFile_ByteForByte(_ name: String) throws {
        let file = try #require(FileManager.default.contents(atPath: Self.resources.appendingPathComponent(name).path))
        let embedded = try EmbeddedResources.text(named: name)
        #expect(Array(embedded.utf8) == Array(file))
    }

    @Test func names_AreEveryFileInResources_Sorted_AndAnotherNameThrows() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.resources.path).sorted()
        #expect(EmbeddedResources.names == files)
        #expect(files == Self.fixtureNames)
        let error = #expect(throws: EmbeddedResources.Missing.self) { try EmbeddedResources.text(named: "missing.txt") }
        #expect(error?.description == "missing.txt is not embedded in ResourceEmbedderTests; have: \(files.joined(separator: ", "))")
    }
}
