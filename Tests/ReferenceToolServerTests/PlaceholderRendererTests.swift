// Placeholders in URL, query, headers and body; typed sole placeholders; masked request URLs.
import JSONModel
import Testing
@testable import ReferenceToolServer

@Suite struct PlaceholderRendererTests {
    private static func make() -> PlaceholderRenderer {
        PlaceholderRenderer(input: ["id": "a/b c?&#", "count": 3, "ratio": 4.5, "vip": true, "tags": ["x", "y"],
                                    "contact": ["phone": "+15105550100"]],
                            metadata: ["call_id": "call 7", "agent": ["name": "Ava"]])
    }

    @Test func url_PercentEncodesValues_AsOneComponent() {
        let url = Self.make().url("http://crm.local/leads/{{id}}/n/{{ count }}?tag={{metadata.call_id}}", query: [])
        #expect(url == "http://crm.local/leads/a%2Fb%20c%3F%26%23/n/3?tag=call%207")
    }

    @Test func queryParams_AreAppendedEncoded_AndSecureValuesMaskedInTheShownURL() {
        let renderer = Self.make()
        let query: [ExecutionPlan.Parameter] = [.init(key: "q", value: "{{id}}"), .init(key: "api_key", value: "s3cr3t&x", secure: true)]
        #expect(renderer.url("http://h/p", query: query) == "http://h/p?q=a%2Fb%20c%3F%26%23&api_key=s3cr3t%26x")
        #expect(renderer.maskedURL("http://h/p", query: query) == "http://h/p?q=a%2Fb%20c%3F%26%23&api_key=%2A%2A%2A")
        #expect(renderer.url("http://h/p?x=1#top", query: [.init(key: "n", value: "{{count}}")]) == "http://h/p?x=1&n=3#top")
    }

    @Test func headers_RenderAsText_WithoutLineBreaks() {
        let headers = PlaceholderRenderer(input: ["token": "abc\r\nX-Evil: 1"]).headers([.init(key: "Authorization", value: "Bearer {{token}}")])
        #expect(headers.map(\.name) == ["Authorization"])
        #expect(headers.first?.value == "Bearer abc  X-Evil: 1")
    }

    @Test func body_KeepsJSONTypes_ForSolePlaceholders_AndRendersTextOtherwise() {
        let template: JSONValue = [
            "count": "{{count}}", "ratio": "{{ratio}}", "vip": "{{vip}}", "tags": "{{tags}}", "phone": "{{contact.phone}}",
            "label": "#{{count}} for {{metadata.agent.name}}", "missing": "{{nothing}}", "missingInText": "[{{nothing}}]",
            "nested": [["id": "{{id}}"], 7, nil], "{{count}}": "keys stay literal", "unclosed": "{{count",
        ]
        let body = Self.make().body(template)
        #expect(body == [
            "count": 3, "ratio": 4.5, "vip": true, "tags": ["x", "y"], "phone": "+15105550100",
            "label": "#3 for Ava", "missing": nil, "missingInText": "[]",
            "nested": [["id": "a/b c?&#"], 7, nil], "{{count}}": "keys stay literal", "unclosed": "{{count",
        ])
    }

    @Test func text_WritesValuesAsJSONWould_AndMissingAsEmpty() {
        let renderer = Self.make()
        #expect(renderer.render("{{vip}}|{{ratio}}|{{tags}}|{{nothing}}|{{metadata.none}}") == #"true|4.5|["x","y"]||"#)
    }
}
