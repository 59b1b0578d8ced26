// The placeholder grammar, the url rule and the unknown-placeholder rule.
import JSONModel
import Testing
@testable import ReferenceToolServer

@Suite struct ValidationPlaceholderTests {
    @Test(arguments: [
        ("https://x/{{id}}/{{ metadata.call_id }}", ["id", "metadata.call_id"]),
        ("Bearer {{token}}", ["token"]),
        ("{{a}}{{b}}", ["a", "b"]),
        ("{{{a}}}", ["a"]),
        ("{{ }} {{a b}} {{1x}} {{}}", []),
        ("no placeholders", []),
        ("{{unclosed", []),
    ])
    func scanner_FindsNamesByTheGrammar(_ text: String, _ names: [String]) {
        #expect(PlaceholderScanner.names(in: text) == names)
    }

    @Test func scanner_FindsNamesInBodyStringsRecursively() {
        let body: JSONValue = ["a": "{{x}}", "b": ["{{y}}", 1, ["{{z}}": "{{w}}"]]]
        #expect(PlaceholderScanner.names(in: body) == ["x", "y", "w"])
    }

    @Test func scanner_SubstitutesKnownNamesAndKeepsOthers() {
        let result = PlaceholderScanner.substitute(in: "/{{a}}/{{b}}") { $0 == "a" ? "1" : nil }
        #expect(result == "/1/{{b}}")
    }

    @Test(arguments: [
        "https://api.example.com/callbacks", "http://localhost:8080/x", "https://{{host}}/x", "https://api.example.com/{{id}}?q={{q}}",
        "HTTPS://API.EXAMPLE.COM", "http://192.0.2.1:80/", "http://[::1]:9000/x", "https://user:pw@example.com/",
    ])
    func urlRule_AcceptsAbsoluteHTTPURLs(_ url: String) {
        #expect(URLTemplateRule.problem(in: url) == nil)
    }

    @Test(arguments: [
        "", "/callbacks", "ftp://example.com", "{{base_url}}/x", "https://", "https:///path", "https://exa mple.com",
        "https://example.com:0", "https://example.com:70000", "https://example.com:x", "example.com/x", "https://[::1/x",
    ])
    func urlRule_RejectsOthers(_ url: String) {
        #expect(URLTemplateRule.problem(in: url) != nil)
    }

    @Test func placeholderRule_ReportsUnknownNamesWithTheirSite() {
        let configuration = APICallConfiguration(
            url: "https://x/{{id}}/{{nope}}", headers: [KeyValueSetting(key: "A", value: "{{metadata.k}} {{h}}")],
            queryParams: [KeyValueSetting(key: "q", value: "{{id}}")], body: ["o": ["list": ["{{b}}"]]],
            variables: [VariableDefinition(name: "id")])
        let findings = PlaceholderRule.unknownPlaceholders(in: configuration)
        #expect(findings == [
            .init(site: .url, name: "nope"), .init(site: .header(index: 0), name: "h"),
            .init(site: .body(["o", "list", 0]), name: "b"),
        ])
    }
}
