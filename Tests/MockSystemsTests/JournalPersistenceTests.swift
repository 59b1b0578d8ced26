// The JSON Lines file: one masked line per completed entry, appended across reopenings, never half written.
import JSONModel
import Foundation
import Testing
@testable import MockSystems

@Suite struct JournalPersistenceTests {
    /// A fresh file path in a fresh temporary directory.
    private static func makeFile() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("journal-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory.appendingPathComponent("crm.jsonl")
    }

    private static func lines(_ url: URL) throws -> [JSONValue] {
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text.isEmpty || text.hasSuffix("\n"))
        return try text.split(separator: "\n").map { try JSONValue.parse(String($0)) }
    }

    private static let secretHeader = JournalHeader(name: "Authorization", value: "Bearer s3cret", secret: true)

    @Test func persistence_WritesOneMaskedLine_PerCompletedEntry() throws {
        let url = try Self.makeFile()
        let journal = try Journal(persistTo: url)
        let answered = journal.record(.make(headers: [Self.secretHeader], body: #"{"a":1}"#))
        let reset = journal.record(.make())
        journal.record(.make())  // never completed: not written
        journal.complete(id: answered, status: 201)
        journal.complete(id: reset, status: nil)
        journal.complete(id: answered, status: 500)  // already completed: not written again
        journal.close()
        let lines = try Self.lines(url)
        #expect(lines.map { $0["id"] } == [.int(answered), .int(reset)])
        #expect(lines.map { $0["status"] } == [.int(201), .null])
        #expect(lines[0]["headers"]?.arrayValue?[0] == ["name": "Authorization", "value": "***", "secret": true])
        #expect(lines[0]["body_json"] == ["a": 1])
        #expect(try !String(contentsOf: url, encoding: .utf8).contains("s3cret"))
        #expect(journal.stats.persisted == 2 && journal.stats.persistFailures == 0)
    }

    @Test func persistence_AppendsAcrossReopening_WithoutTruncating() throws {
        let url = try Self.makeFile()
        let first = try Journal(persistTo: url)
        first.complete(id: first.record(.make(path: "/one")), status: 200)
        first.complete(id: first.record(.make(path: "/two")), status: 200)
        first.close()
        let second = try Journal(persistTo: url)
        second.complete(id: second.record(.make(path: "/three")), status: 200)
        second.close()
        #expect(try Self.lines(url).map { $0["path"] } == ["/one", "/two", "/three"])
    }

    @Test(arguments: ["", "{\"half\":", String(repeating: "x", count: 70_000)])
    func reopening_CutsAHalfLineLeftByAKill_KeepingWholeLines(tail: String) throws {
        let url = try Self.makeFile()
        let whole = "{\"id\":1}\n{\"id\":2}\n"
        try Data((whole + tail).utf8).write(to: url)
        let file = try JournalFile(url: url)
        file.append(Array("{\"id\":3}\n".utf8))
        file.close()
        #expect(try String(contentsOf: url, encoding: .utf8) == whole + "{\"id\":3}\n")
    }

    @Test func reopening_AFileWithNoWholeLine_StartsItAfresh() throws {
        let url = try Self.makeFile()
        try Data(String(repeating: "y", count: 70_000).utf8).write(to: url)
        _ = try JournalFile(url: url)
        #expect(try Data(contentsOf: url).isEmpty)
    }

    @Test func persistence_WritesEvictedEntry_WhenItCompletesLater() throws {
        let url = try Self.makeFile()
        let journal = try Journal(capacity: 1, persistTo: url)
        let slow = journal.record(.make(path: "/slow"))
        journal.record(.make(path: "/fast"))
        journal.reset()
        journal.complete(id: slow, status: 504)
        journal.close()
        #expect(try Self.lines(url).map { $0["path"] } == ["/slow"])
    }

    @Test func persistence_StopsWriting_AfterClose() throws {
        let url = try Self.makeFile()
        let journal = try Journal(persistTo: url)
        journal.close()
        journal.close()
        #expect(journal.complete(id: journal.record(.make()), status: 200))
        #expect(try Self.lines(url).isEmpty && journal.stats.persisted == 0)
    }

    @Test func persistence_WritesWholeLines_UnderConcurrentCompletion() throws {
        let url = try Self.makeFile()
        let journal = try Journal(capacity: 50, persistTo: url)
        DispatchQueue.concurrentPerform(iterations: 400) { index in
            let id = journal.record(.make(body: String(repeating: "x", count: index * 10)))
            journal.complete(id: id, status: 200)
        }
        journal.close()
        let lines = try Self.lines(url)
        #expect(lines.count == 400)
        #expect(Set(lines.compactMap { $0["id"]?.intValue }) == Set(1...400))
    }

    @Test func persistence_FailsClearly_WhenTheDirectoryIsMissing() {
        let url = URL(fileURLWithPath: "/nonexistent-\(UUID().uuidString)/crm.jsonl")
        #expect {
            try Journal(persistTo: url)
        } throws: { error in
            guard case let .cannotOpen(path, _)? = error as? JournalError else { return false }
            return path == url.path && "\(error)".contains("check that the directory exists")
        }
    }
}
