// `understudy cases`: the catalogue, listed without running anything.
import ToolContract
import Conformance
import Foundation
import HTTPWire
import JSONModel
import RunReports

enum CasesCommand {
    static let usage = """
    usage: understudy cases [--dialect feather|oneinbox] [--json]

    Lists every conformance case: id, level (MUST/SHOULD), the capability it needs, the dialects it applies to,
    the contract rule and its source, and the title. Nothing is run.

    options:
      --dialect NAME   only the cases that apply to this dialect
      --json           a JSON array instead of a table
    """

    static func run(_ arguments: [String]) throws {
        var reader = ArgumentReader(arguments)
        let dialect = try reader.value("--dialect").map(RunCommand.dialect)
        let asJSON = reader.flag("--json")
        try reader.finish()
        let rules = try ContractDocument.shipped().rulesByID
        let cases = Catalogue.all.filter { dialect == nil || $0.dialects.contains(dialect!) }
        if asJSON {
            print(JSONValue.array(cases.map { json($0, rules[$0.rule]) }).jsonText)
            return
        }
        let width = cases.map(\.id.count).max() ?? 0
        for testCase in cases {
            let rule = rules[testCase.rule]
            let capability = testCase.capability?.rawValue ?? rule?.capability ?? "-"
            let dialects = Dialect.allCases.filter(testCase.dialects.contains).map(\.rawValue).joined(separator: ",")
            let columns = [testCase.id.padding(toLength: width, withPad: " ", startingAt: 0),
                           (rule?.level.rawValue ?? "?").padding(toLength: 6, withPad: " ", startingAt: 0),
                           capability.padding(toLength: 15, withPad: " ", startingAt: 0),
                           dialects.padding(toLength: 16, withPad: " ", startingAt: 0), testCase.title]
            print(columns.joined(separator: "  "))
        }
        print(cases.count.counted("case"))
    }

    private static func json(_ testCase: ConformanceCase, _ rule: ContractRule?) -> JSONValue {
        [
            "id": .string(testCase.id), "title": .string(testCase.title), "area": .string(testCase.area),
            "rule": .string(testCase.rule), "level": .string(rule?.level.rawValue ?? "?"),
            "source": .string(rule?.source ?? "?"),
            "capability": (testCase.capability?.rawValue ?? rule?.capability).map(JSONValue.string) ?? .null,
            "dialects": .array(Dialect.allCases.filter(testCase.dialects.contains).map { .string($0.rawValue) }),
            "wait_seconds": .double(testCase.wait.inSeconds),
        ]
    }
}
