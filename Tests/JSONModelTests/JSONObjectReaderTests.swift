// The one JSON object reader: key paths, unknown keys, type and range problems, nested readers, collecting.
import Testing
@testable import JSONModel

/// A problem at a key path, as the simplest report function makes it.
struct JSONReadFailure: Error, Equatable, CustomStringConvertible {
    var path: String
    var problem: JSONReadProblem

    var description: String { "\(path): \(problem)" }
}

@Suite struct JSONObjectReaderTests {
    typealias Reader = JSONObjectReader<JSONReadFailure>

    static func make(_ value: JSONValue, path: String = "", wholeNumbersAreIntegers: Bool = false) throws(JSONReadFailure) -> Reader {
        try Reader(value, path: path, wholeNumbersAreIntegers: wholeNumbersAreIntegers) { JSONReadFailure(path: $0, problem: $1) }
    }

    /// The failure `read` throws, or nil when it throws none.
    static func failure<Value>(_ read: () throws(JSONReadFailure) -> Value) -> JSONReadFailure? {
        do {
            _ = try read()
            return nil
        } catch {
            return error
        }
    }

    @Test func paths_JoinKeysWithDots_AndIndicesInBrackets_FromAnyRoot() throws {
        let top = try Self.make(["a": ["b": 1]])
        #expect(top.child("a") == "a")
        #expect(top.child("list", 2) == "list[2]")
        #expect(try top.reader("a")?.child("b") == "a.b")
        let document = try Self.make(["cases": [["id": 1]]], path: "$")
        #expect(document.child("cases") == "$.cases")
        #expect(try document.readers("cases").map { $0.child("id") } == ["$.cases[0].id"])
    }

    @Test func init_RefusesANonObject_AtItsPath() {
        #expect(Self.failure { () throws(JSONReadFailure) in try Self.make([1, 2], path: "rule") }
                == JSONReadFailure(path: "rule", problem: .wrongType(expected: .object, got: [1, 2])))
        #expect(Self.failure { () throws(JSONReadFailure) in try Reader(nil, path: "x") { JSONReadFailure(path: $0, problem: $1) } }?
            .problem == .missing(.object))
    }

    @Test func onlyKeys_NamesTheFirstUnknownKey_ListingTheAllowedInTheirOrder() throws {
        let reader = try Self.make(["id": 1, "colour": "red", "size": 2], path: "item")
        let failure = Self.failure { () throws(JSONReadFailure) in try reader.onlyKeys(["id", "name"]) }
        #expect(failure?.description == "item.colour: unknown key; expected one of: id, name")
        #expect(reader.unknownKeys(["id", "name"]) == ["colour", "size"])
        #expect(Self.failure { () throws(JSONReadFailure) in try reader.onlyKeys(["size", "colour", "id"]) } == nil)
    }

    @Test func reads_NameTheExpectedType_AndWhatWasThere() throws {
        let reader = try Self.make(["s": 1, "i": "1", "b": "yes", "a": 3, "n": "x", "o": 2, "null": nil])
        #expect(Self.failure { () throws(JSONReadFailure) in try reader.string("s") }?.description == "s: expected a string, got integer")
        #expect(Self.failure { () throws(JSONReadFailure) in try reader.int("i") }?.description == "i: expected an integer, got string")
        #expect(Self.failure { () throws(JSONReadFailure) in try reader.bool("b") }?.description == "b: expected true or false, got string")
        #expect(Self.failure { () throws(JSONReadFailure) in try reader.array("a") }?.description == "a: expected an array, got integer")
        #expect(Self.failure { () throws(JSONReadFailure) in try reader.number("n") }?.description == "n: expected a number, got string")
        #expect(Self.failure { () throws(JSONReadFailure) in try reader.reader("o") }?.description == "o: expected an object, got integer")
        #expect(Self.failure { () throws(JSONReadFailure) in try reader.string("null") }?.description == "null: expected a string, got null")
    }

    @Test func optionalReads_GiveNilForAbsent_AndForNullOnlyWhenNullable() throws {
        let reader = try Self.make(["null": nil])
        #expect(try reader.string("absent") == nil)
        #expect(try reader.int("null", nullable: true) == nil)
        #expect(try reader.reader("null", nullable: true) == nil)
        #expect(Self.failure { () throws(JSONReadFailure) in try reader.int("null") }?.problem == .wrongType(expected: .integer, got: .null))
    }

    @Test func requiredReads_CallAnAbsentKeyMissing_ButNullTheWrongType() throws {
        let reader = try Self.make(["null": nil, "count": 3], path: "$")
        #expect(Self.failure { () throws(JSONReadFailure) in try reader.requiredString("name") }?.description == "$.name: missing")
        #expect(Self.failure { () throws(JSONReadFailure) in try reader.requiredBool("null") }?.description == "$.null: expected true or false, got null")
        #expect(Self.failure { () throws(JSONReadFailure) in try reader.elements("list") }?.problem == .missing(.array))
        #expect(try reader.requiredInt("count") == 3)
        #expect(try reader.requiredNumber("count") == 3.0)
    }

    @Test(arguments: [
        (9, 1...5, "must be 1 to 5, got 9"),
        (-1, 0...Int.max, "must be 0 or more, got -1"),
        (2, 3...Int.max, "must be 3 or more, got 2"),
        (-7, -5...5, "must be -5 to 5, got -7"),
    ])
    func int_OutsideItsRange_SaysTheRange(number: Int, range: ClosedRange<Int>, message: String) throws {
        let reader = try Self.make(["n": .int(number)])
        let failure = Self.failure { () throws(JSONReadFailure) in try reader.int("n", in: range) }
        #expect(failure == JSONReadFailure(path: "n", problem: .outOfRange(number, range)))
        #expect(failure?.problem.description == message)
    }

    @Test func int_TakesAWholeFractionOnlyWhenTold() throws {
        #expect(Self.failure { () throws(JSONReadFailure) in try Self.make(["n": 3.0]).int("n") }?.problem
                == .wrongType(expected: .integer, got: .double(3)))
        #expect(try Self.make(["n": 3.0], wholeNumbersAreIntegers: true).int("n") == 3)
        #expect(Self.failure { () throws(JSONReadFailure) in try Self.make(["n": 3.5], wholeNumbersAreIntegers: true).int("n") } != nil)
    }

    @Test func nestedReaders_ReportAtTheirOwnPaths() throws {
        let reader = try Self.make(["match": ["header": ["name": 5]], "tools": [["id": "a"], "b"], "headers": ["X-A": "1", "X-B": 2]])
        let header = try #require(try reader.reader("match")?.reader("header"))
        #expect(Self.failure { () throws(JSONReadFailure) in try header.string("name") }?.path == "match.header.name")
        #expect(Self.failure { () throws(JSONReadFailure) in try reader.readers("tools") }?.description == "tools[1]: expected an object, got string")
        #expect(Self.failure { () throws(JSONReadFailure) in try reader.stringMap("headers") }?.description == "headers.X-B: expected a string, got integer")
        #expect(Self.failure { () throws(JSONReadFailure) in try reader.requiredReader("absent") }?.description == "absent: missing")
    }

    @Test func strings_NameTheElementThatIsNoString() throws {
        let reader = try Self.make(["tags": ["a", "b"], "mixed": ["a", 1]], path: "$")
        #expect(try reader.strings("tags") == ["a", "b"])
        #expect(Self.failure { () throws(JSONReadFailure) in try reader.strings("mixed") }?.description == "$.mixed[1]: expected a string, got integer")
    }

    enum Colour: String, CaseIterable { case red, green }

    @Test func choice_ListsTheAcceptedValues() throws {
        let reader = try Self.make(["colour": "blue", "empty": ""])
        #expect(Self.failure { () throws(JSONReadFailure) in try reader.requiredChoice("colour", Colour.self) }?.description
                == "colour: expected one of red, green, got 'blue'")
        #expect(try reader.choice("absent", Colour.self) == nil)
        #expect(Self.failure { () throws(JSONReadFailure) in try reader.nonEmptyString("empty") }?.description == "empty: must not be empty")
    }

    @Test func failure_WithOwnWords_AtAKeyOrAtTheObject() throws {
        let reader = try Self.make([:], path: "action")
        #expect(reader.failure("type", "is required").description == "action.type: is required")
        #expect(reader.failure(nil, .invalid("needs a type")).description == "action: needs a type")
    }

    @Test func collecting_GathersEveryProblem_AndKeepsTheGoodValues() throws {
        let reader = try Self.make(["name": 1, "count": 99, "on": true])
        var problems: [JSONReadFailure] = []
        let name = reader.collecting({ (r) throws(JSONReadFailure) in try r.string("name") }, into: { problems.append($0) })
        let count = reader.collecting({ (r) throws(JSONReadFailure) in try r.int("count", in: 1...10) }, into: { problems.append($0) })
        let on = reader.collecting({ (r) throws(JSONReadFailure) in try r.bool("on") }, into: { problems.append($0) })
        #expect(name == nil && count == nil && on == true)
        #expect(problems.map(\.description) == ["name: expected a string, got integer", "count: must be 1 to 10, got 99"])
    }
}
