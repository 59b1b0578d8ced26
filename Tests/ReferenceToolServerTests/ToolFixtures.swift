// Small factories for tool request bodies and stored values used by the tool model tests.
import Foundation
import JSONModel
@testable import ReferenceToolServer

enum ToolFixtures {
    static let date = Date(timeIntervalSince1970: 1_740_821_405.123)

    /// A valid Feather api_call create body; `configuration` entries override the defaults.
    static func featherCreate(_ overrides: JSONObject = [:], configuration: JSONObject = [:]) -> JSONValue {
        var config: JSONObject = [
            "url": "https://api.example.com/callbacks/{{name}}",
            "method": "POST",
            "headers": [["key": "Authorization", "value": "Bearer s3cret", "secure": true]],
            "body": ["name": "{{name}}", "call": "{{metadata.call_id}}"],
            "variables": [["name": "name", "type": "str", "required": true]],
        ]
        for (key, value) in configuration { config[key] = value }
        var body: JSONObject = ["name": "create_callback_lead", "description": "Saves a lead", "configuration": .object(config)]
        for (key, value) in overrides { body[key] = value }
        return .object(body)
    }

    /// Parses JSON object text.
    static func object(_ text: String) throws -> JSONObject {
        guard let object = try JSONValue.parse(text).objectValue else { throw FixtureError.notAnObject(text) }
        return object
    }

    enum FixtureError: Error { case notAnObject(String) }

    static func decoded(_ body: JSONValue) -> ValidationOutcome<ToolDefinition> { ToolDefinition.decode(featherBody: body) }

    /// Problems as `(loc text, type)` pairs, easy to compare.
    static func summary(_ problems: [ValidationProblem]) -> [String] {
        problems.map { "\($0.loc.map(\.description).joined(separator: ".")) \($0.type)" }
    }
}
