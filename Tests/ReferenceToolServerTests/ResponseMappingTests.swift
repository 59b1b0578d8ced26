// field_mappings: dot paths, array indexes, aliases, missing paths, and the whole body when there are none.
import JSONModel
import Testing
@testable import ReferenceToolServer

@Suite struct ResponseMappingTests {
    private static let body = Array(#"{"id":"lead_1","lead":{"id":"lead_1","tags":["a",{"k":"v"}]},"count":2,"0":"zero"}"#.utf8)

    @Test func mappings_FollowDotPaths_IndexArrays_AndDefaultAliasesToThePath() {
        let mapped = ResponseMapper.map(Self.body, mappings: [
            .init(path: "lead.id"), .init(path: "lead.tags.1.k", alias: "kind"), .init(path: "lead.tags.0"),
            .init(path: "count", alias: ""), .init(path: "0"), .init(path: "lead.tags.9"), .init(path: "lead.id.deeper"),
        ])
        #expect(mapped == ["lead.id": "lead_1", "kind": "v", "lead.tags.0": "a", "count": 2, "0": "zero",
                           "lead.tags.9": nil, "lead.id.deeper": nil])
    }

    @Test func noMappings_GiveTheWholeBody_AsJSONOrText() {
        #expect(ResponseMapper.map(Self.body, mappings: [])["count"] == 2)
        #expect(ResponseMapper.map(Array("plain text".utf8), mappings: []) == "plain text")
        #expect(ResponseMapper.map([], mappings: []) == .null)
    }

    @Test func mappings_OnABodyThatIsNotJSON_GiveNulls() {
        #expect(ResponseMapper.map(Array("<html>".utf8), mappings: [.init(path: "id")]) == ["id": nil])
    }
}
