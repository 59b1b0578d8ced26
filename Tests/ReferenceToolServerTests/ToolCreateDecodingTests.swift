// Feather's ToolCreate: accepted bodies and the 422 problems of each rule, with exact locations.
import JSONModel
import Testing
@testable import ReferenceToolServer

@Suite struct ToolCreateDecodingTests {
    typealias F = ToolFixtures

    @Test func create_DecodesAValidAPICallTool() throws {
        let definition = try F.decoded(F.featherCreate()).get(rejectingWarnings: true)
        #expect(definition.name == "create_callback_lead")
        #expect(definition.toolType == .apiCall)
        #expect(definition.configuration?.method == .post)
        #expect(definition.configuration?.timeout == 30)
        #expect(definition.configuration?.headers == [KeyValueSetting(key: "Authorization", value: "Bearer s3cret", secure: true)])
        #expect(definition.hasSecrets)
    }

    @Test func create_AppliesFeatherDefaults() throws {
        let body: JSONValue = ["name": "t", "configuration": ["url": "https://x.example/a", "variables": [["name": "v"]], "retry": [:]]]
        let configuration = try #require(try F.decoded(body).get(rejectingWarnings: true).configuration)
        #expect(configuration.method == .get)
        #expect(configuration.variables == [VariableDefinition(name: "v", type: .str, required: false)])
        #expect(configuration.retry == RetryConfig(maxRetries: 0, baseDelaySeconds: 1, maxDelaySeconds: 30, jitter: true))
    }

    @Test(arguments: [
        (#"{"description": "x"}"#, "body.name missing"),
        (#"{"name": ""}"#, "body.name string_too_short"),
        (#"{"name": "   "}"#, "body.name value_error"),
        (#"{"name": 5}"#, "body.name string_type"),
        (#""not an object""#, "body model_attributes_type"),
        ("{\"name\": \"\(String(repeating: "n", count: 129))\"}", "body.name string_too_long"),
    ])
    func create_RejectsBadNames(_ body: String, _ expected: String) throws {
        #expect(F.summary(F.decoded(try JSONValue.parse(body)).problems).first == expected)
    }

    @Test func create_AcceptsANameOfExactlyTheMaximumLength() {
        let body = F.featherCreate(["name": .string(String(repeating: "n", count: ToolDefinition.maxNameLength))])
        #expect(F.decoded(body).value != nil)
    }

    @Test(arguments: [
        (#"{"tool_type": "webhook"}"#, "{}", "body.tool_type enum"),
        (#"{"configuration": null}"#, "{}", "body.configuration missing"),
        ("{}", #"{"url": null}"#, "body.configuration.url string_type"),
        ("{}", #"{"method": "FETCH"}"#, "body.configuration.method enum"),
        ("{}", #"{"url": "/relative"}"#, "body.configuration.url value_error"),
        ("{}", #"{"url": "{{base}}/x"}"#, "body.configuration.url value_error"),
        ("{}", #"{"timeout": 0}"#, "body.configuration.timeout greater_than_equal"),
        ("{}", #"{"timeout": 301}"#, "body.configuration.timeout less_than_equal"),
        ("{}", #"{"timeout": "30"}"#, "body.configuration.timeout int_type"),
        ("{}", #"{"timeout": 2.5}"#, "body.configuration.timeout int_type"),
        ("{}", #"{"retry": {"max_retries": 6}}"#, "body.configuration.retry.max_retries less_than_equal"),
        ("{}", #"{"retry": {"max_retries": -1}}"#, "body.configuration.retry.max_retries greater_than_equal"),
        ("{}", #"{"retry": {"base_delay_seconds": 0.05}}"#, "body.configuration.retry.base_delay_seconds greater_than_equal"),
        ("{}", #"{"retry": {"base_delay_seconds": 31}}"#, "body.configuration.retry.base_delay_seconds less_than_equal"),
        ("{}", #"{"retry": {"max_delay_seconds": 0.5}}"#, "body.configuration.retry.max_delay_seconds greater_than_equal"),
        ("{}", #"{"retry": {"max_delay_seconds": 121}}"#, "body.configuration.retry.max_delay_seconds less_than_equal"),
        ("{}", #"{"retry": {"jitter": "yes"}}"#, "body.configuration.retry.jitter bool_type"),
        ("{}", #"{"variables": [{"name": "name", "type": "string"}]}"#, "body.configuration.variables.0.type enum"),
        ("{}", #"{"variables": [{"name": "name"}, {"name": "name"}]}"#, "body.configuration.variables.1.name value_error"),
        ("{}", #"{"variables": [{"name": "a.b"}]}"#, "body.configuration.variables.0.name value_error"),
        ("{}", #"{"headers": [{"key": "X"}]}"#, "body.configuration.headers.0.value missing"),
        ("{}", #"{"query_params": [{"key": "q", "value": 1}]}"#, "body.configuration.query_params.0.value string_type"),
        ("{}", #"{"body": [1]}"#, "body.configuration.body dict_type"),
        (#"{"metadata": []}"#, "{}", "body.metadata dict_type"),
    ])
    func create_RejectsEachConfigurationRuleAtItsField(_ overrides: String, _ configuration: String, _ expected: String) throws {
        let body = F.featherCreate(try F.object(overrides), configuration: try F.object(configuration))
        let problems = F.decoded(body).problems
        #expect(F.summary(problems).contains(expected), "\(problems)")
    }

    @Test(arguments: [
        #"{"timeout": 1}"#, #"{"timeout": 300}"#, #"{"timeout": 30.0}"#,
        #"{"retry": {"max_retries": 5, "base_delay_seconds": 0.1, "max_delay_seconds": 120, "jitter": false}}"#,
        #"{"retry": {"max_retries": 0, "base_delay_seconds": 30, "max_delay_seconds": 1}}"#,
        #"{"retry": null}"#,
        #"{"variables": [{"name": "name", "type": "int"}, {"name": "b", "type": "float"}, {"name": "c-d_1", "type": "bool"}]}"#,
    ])
    func create_AcceptsBoundaryValues(_ configuration: String) throws {
        let outcome = F.decoded(F.featherCreate(configuration: try F.object(configuration)))
        #expect(outcome.value != nil, "\(outcome.problems)")
    }

    @Test func create_ReportsEveryProblemNotOnlyTheFirst() {
        let body: JSONValue = ["name": "", "tool_type": "api_call", "configuration": ["url": "ftp://x", "timeout": 0, "method": "GO"]]
        #expect(F.summary(F.decoded(body).problems) == [
            "body.name string_too_short", "body.configuration.url value_error", "body.configuration.method enum",
            "body.configuration.timeout greater_than_equal",
        ])
    }

    @Test func create_WarnsAboutUnknownPlaceholdersAsADistinctKind() throws {
        let body = F.featherCreate(configuration: ["headers": [["key": "X-Trace", "value": "{{trace}}"]]])
        let outcome = F.decoded(body)
        guard case let .valid(_, warnings) = outcome else { Issue.record("expected valid with warnings"); return }
        #expect(warnings == [ValidationProblem(
            loc: ["body", "configuration", "headers", 0, "value"],
            msg: "placeholder {{trace}} names neither a declared variable nor metadata.<key>",
            type: "unknown_placeholder", severity: .warning)])
        #expect(throws: ValidationFailure.self) { try outcome.get(rejectingWarnings: true) }
        #expect(try outcome.get(rejectingWarnings: false).name == "create_callback_lead")
    }

    @Test func create_AcceptsMetadataPlaceholdersWithoutWarning() {
        #expect(F.decoded(F.featherCreate()).problems.isEmpty)
    }

    @Test func failure_RendersFastAPIDetail() {
        let failure = ValidationFailure(problems: F.decoded(["name": "t", "configuration": ["timeout": 0, "url": "https://x.example"], "metadata": 3]).problems)
        #expect(failure.detailJSON == [
            "detail": [
                ["loc": ["body", "configuration", "timeout"], "msg": "Input should be greater than or equal to 1", "type": "greater_than_equal"],
                ["loc": ["body", "metadata"], "msg": "Input should be a valid dictionary", "type": "dict_type"],
            ],
        ])
    }
}
