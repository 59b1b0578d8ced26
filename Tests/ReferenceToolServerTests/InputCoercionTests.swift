// Input checking: types, exact string coercion, required variables, defaults and pinned values, every problem at once.
import JSONModel
import Testing
@testable import ReferenceToolServer

@Suite struct InputCoercionTests {
    private typealias Variable = ExecutionPlan.Variable

    /// One value checked against one type: the coerced value, or the pydantic-style kind of the problem.
    struct Case: Sendable, CustomTestStringConvertible {
        var type: ExecutionPlan.VariableType
        var value: JSONValue
        var expected: Result<JSONValue, Kind>
        struct Kind: Error, Equatable { var name: String }
        var testDescription: String { "\(type.rawValue) <- \(value.jsonText)" }

        static func ok(_ type: ExecutionPlan.VariableType, _ value: JSONValue, _ coerced: JSONValue? = nil) -> Case {
            Case(type: type, value: value, expected: .success(coerced ?? value))
        }
        static func bad(_ type: ExecutionPlan.VariableType, _ value: JSONValue, _ kind: String) -> Case {
            Case(type: type, value: value, expected: .failure(Kind(name: kind)))
        }
    }

    static let cases: [Case] = [
        .ok(.str, "hello"), .bad(.str, 42, "string_type"), .bad(.str, true, "string_type"), .bad(.str, ["a"], "string_type"),
        .ok(.int, 42), .ok(.int, 42.0, 42), .ok(.int, "42", 42), .ok(.int, "-7", -7),
        .bad(.int, 4.5, "int_from_float"), .bad(.int, "4.5", "int_parsing"), .bad(.int, " 42", "int_parsing"),
        .bad(.int, "42a", "int_parsing"), .bad(.int, "", "int_parsing"), .bad(.int, "+5", "int_parsing"),
        .bad(.int, "99999999999999999999", "int_parsing"), .bad(.int, true, "int_type"), .bad(.int, [:], "int_type"),
        .ok(.float, 4.5), .ok(.float, 3), .ok(.float, "4.5", 4.5), .ok(.float, "-2", -2.0), .ok(.float, "1e3", 1000.0),
        .bad(.float, "4.", "float_parsing"), .bad(.float, ".5", "float_parsing"), .bad(.float, "nan", "float_parsing"),
        .bad(.float, "4,5", "float_parsing"), .bad(.float, "4.5 ", "float_parsing"), .bad(.float, false, "float_type"),
        .ok(.bool, true), .ok(.bool, false), .ok(.bool, "true", true), .ok(.bool, "false", false),
        .bad(.bool, "True", "bool_parsing"), .bad(.bool, "yes", "bool_parsing"), .bad(.bool, "1", "bool_parsing"),
        .bad(.bool, 1, "bool_type"),
    ]

    @Test(arguments: cases) func coercion_AcceptsOnlyExactValues(_ example: Case) {
        let variables = [Variable(name: "v", type: example.type, required: true)]
        let outcome: Result<JSONValue, Case.Kind>
        do throws(InputRejection) {
            let resolved = try InputResolution.resolve(["v": example.value], variables: variables)
            outcome = .success(resolved.values["v"] ?? .null)
        } catch {
            outcome = .failure(Case.Kind(name: error.problems.first?.type ?? "?"))
        }
        #expect(outcome == example.expected)
    }

    @Test func resolution_ReportsEveryProblem_InDeclarationOrder() {
        let variables = [Variable(name: "name", required: true), Variable(name: "age", type: .int, required: true),
                         Variable(name: "vip", type: .bool), Variable(name: "note")]
        #expect(throws: InputRejection.self) { try InputResolution.resolve(["age": "x", "vip": "maybe"], variables: variables) }
        do throws(InputRejection) {
            _ = try InputResolution.resolve(["age": "x", "vip": "maybe", "note": .null], variables: variables)
        } catch {
            #expect(error.problems.map(\.type) == ["missing", "int_parsing", "bool_parsing"])
            #expect(error.problems.map(\.loc) == [["body", "input", "name"], ["body", "input", "age"], ["body", "input", "vip"]])
            #expect(error.json["detail"]?.arrayValue?.first == ["loc": ["body", "input", "name"], "msg": "Field required", "type": "missing"])
        }
    }

    @Test func defaults_FillMissingValues_AndPinnedValuesOverrideTheCaller() throws {
        let variables = [Variable(name: "source", required: true), Variable(name: "priority", type: .int, required: true)]
        let defaults: [String: ExecutionPlan.InputDefault] = ["source": .init(value: "voice", pinned: true),
                                                              "priority": .init(value: 3)]
        let filled = try InputResolution.resolve([:], variables: variables, defaults: defaults)
        let overridden = try InputResolution.resolve(["source": "web", "priority": "5"], variables: variables, defaults: defaults)
        let nullIsAbsent = try InputResolution.resolve(["priority": .null], variables: variables, defaults: defaults)

        #expect(filled.values == ["source": "voice", "priority": 3])
        #expect(overridden.values == ["source": "voice", "priority": 5])
        #expect(nullIsAbsent.values["priority"] == 3)
    }

    @Test func pinnedValue_OfTheWrongType_IsReportedAtTheVariable() {
        let variables = [Variable(name: "count", type: .int)]
        #expect(throws: InputRejection(problems: [InputProblem(variable: "count", msg: #"Input should be a valid integer, unable to parse string "many""#, type: "int_parsing")])) {
            try InputResolution.resolve(["count": 1], variables: variables, defaults: ["count": .init(value: "many", pinned: true)])
        }
    }

    @Test func undeclaredKeys_PassThroughUnchecked() throws {
        let resolved = try InputResolution.resolve(["extra": [1, 2], "name": "x"], variables: [Variable(name: "name")])
        #expect(resolved.values == ["extra": [1, 2], "name": "x"])
    }
}
