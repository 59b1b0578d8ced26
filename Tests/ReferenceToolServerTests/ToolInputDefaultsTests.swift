// input_defaults: entries name known variables, values have the variable's type, kind is default or pinned.
import JSONModel
import Testing
@testable import ReferenceToolServer

@Suite struct ToolInputDefaultsTests {
    typealias F = ToolFixtures

    static func body(_ defaults: String) throws -> JSONValue {
        F.featherCreate(
            ["input_defaults": try JSONValue.parse(defaults)],
            configuration: ["variables": [["name": "name", "required": true], ["name": "count", "type": "int"], ["name": "ratio", "type": "float"]]])
    }

    @Test func defaults_DecodeKindsWithDefaultAsTheDefault() throws {
        let definition = try F.decoded(try Self.body(#"{"name": {"value": "Ada"}, "count": {"value": 3, "type": "pinned"}, "ratio": {"value": 1}}"#))
            .get(rejectingWarnings: true)
        #expect(definition.inputDefaults == [
            "name": InputDefault(value: "Ada", kind: .default), "count": InputDefault(value: 3, kind: .pinned),
            "ratio": InputDefault(value: 1, kind: .default),
        ])
    }

    @Test(arguments: [
        (#"{"nickname": {"value": "x"}}"#, "body.input_defaults.nickname value_error"),
        (#"{"count": {"value": "3"}}"#, "body.input_defaults.count.value value_error"),
        (#"{"name": {"value": 1}}"#, "body.input_defaults.name.value value_error"),
        (#"{"name": {"value": "x", "type": "forced"}}"#, "body.input_defaults.name.type enum"),
        (#"{"name": {"type": "pinned"}}"#, "body.input_defaults.name.value missing"),
        (#"{"name": {"value": "x", "extra": 1}}"#, "body.input_defaults.name.extra extra_forbidden"),
        (#"{"name": "x"}"#, "body.input_defaults.name model_attributes_type"),
        (#"[]"#, "body.input_defaults dict_type"),
    ])
    func defaults_RejectBadEntriesAtTheirField(_ defaults: String, _ expected: String) throws {
        let problems = F.decoded(try Self.body(defaults)).problems
        #expect(F.summary(problems) == [expected], "\(problems)")
    }

    @Test func defaults_NullMeansNone() throws {
        #expect(try F.decoded(try Self.body("null")).get(rejectingWarnings: true).inputDefaults.isEmpty)
    }
}
