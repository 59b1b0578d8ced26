// The JSON parser and encoder: round trips, integer vs fraction, strictness, depth.
import Testing
@testable import JSONModel

@Suite struct JSONValueTests {
    @Test func json_RoundTripsNestedDocument_KeepingKeyOrder() throws {
        let text = #"{"b":1,"a":[true,false,null,-2.5,"x\"y\\z\n\u00e9"],"c":{"d":{}}}"#
        let value = try JSONValue.parse(text)
        #expect(value["b"] == .int(1))
        #expect(value["a"]?.arrayValue?[3] == .double(-2.5))
        #expect(value["a"]?.arrayValue?[4] == .string("x\"y\\z\né"))
        #expect(value.jsonText == #"{"b":1,"a":[true,false,null,-2.5,"x\"y\\z\né"],"c":{"d":{}}}"#)
    }

    @Test func json_KeepsIntegersApartFromFractions() throws {
        #expect(try JSONValue.parse("3") == .int(3))
        #expect(try JSONValue.parse("3.0") == .double(3))
        #expect(try JSONValue.parse("1e2") == .double(100))
        #expect(try JSONValue.parse("[-0]") == .array([.int(0)]))
    }

    @Test func json_DecodesSurrogatePairs() throws {
        #expect(try JSONValue.parse(#""\ud83d\ude00""#) == .string("😀"))
    }

    @Test(arguments: ["", "{", "[1,]", "{\"a\" 1}", "01", "1.", "-", "tru", "\"\u{01}\"", "\"\\x\"", "\"\\ud800\"", "{} {}", "[1 2]", "nul"])
    func json_RejectsMalformedText(_ text: String) {
        #expect(throws: JSONParseError.self) { try JSONValue.parse(text) }
    }

    @Test func json_RejectsDeepNesting_InsteadOfOverflowingTheStack() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(throws: JSONParseError.self) { try JSONValue.parse(deep) }
    }

    @Test func json_ObjectsCompareWithoutOrder() throws {
        #expect(try JSONValue.parse(#"{"a":1,"b":2}"#) == JSONValue.parse(#"{"b":2,"a":1}"#))
    }
}
