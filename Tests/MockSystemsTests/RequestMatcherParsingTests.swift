// Reading matchers from JSON: every key, and errors that name the key and what was expected.
import JSONModel
import Testing
@testable import MockSystems

@Suite struct RequestMatcherParsingTests {
    @Test func parsing_ReadsEveryKey_AndWritesThemBack() throws {
        let json: JSONValue = [
            "system": "crm", "method": "POST", "path": "/callbacks*", "route": "create_callback",
            "headers": ["Authorization": "Bearer t"], "body_equals": ["a": 1], "body_contains": ["b": true],
            "outcome": "rejected", "status": "4xx", "answered_by": "route", "since_id": 3,
        ]
        let matcher = try RequestMatcher(json: json)
        #expect(matcher == RequestMatcher(system: "crm", method: "POST", path: PathSelector("/callbacks*"), route: "create_callback",
                                          headers: [JournalHeader(name: "Authorization", value: "Bearer t")],
                                          bodyEquals: ["a": 1], bodyContains: ["b": true], outcome: .rejected,
                                          status: .classOf(hundreds: 4), answeredBy: .route, sinceID: 3))
        #expect(matcher.json == json)
        #expect(try RequestMatcher(json: ["status": 201]).status == .exactly(201))
        #expect(try RequestMatcher(json: ["status": "201"]).status == .exactly(201))
        #expect(try RequestMatcher(json: [:]) == RequestMatcher())
    }

    @Test(arguments: [
        (JSONValue.array([]), "", "expected an object, got array"),
        (["methd": "GET"], "methd", "unknown key; expected one of"),
        (["method": 1], "method", "expected a string, got integer"),
        (["path": ""], "path", "must not be empty"),
        (["headers": "Authorization"], "headers", "expected an object, got string"),
        (["headers": ["Authorization": 5]], "headers.Authorization", "expected a string, got integer"),
        (["outcome": "ok"], "outcome", "expected \"accepted\" or \"rejected\", got \"ok\""),
        (["status": 99], "status", "must be 100 to 599, got 99"),
        (["status": "4x"], "status", "expected a status code 100-599 or a class such as \"4xx\", got \"4x\""),
        (["status": true], "status", "expected a status code 100-599 or a class"),
        (["answered_by": "server"], "answered_by", "expected one of \"route\", \"fault\", \"admin\", \"none\", got \"server\""),
        (["since_id": -1], "since_id", "must be 0 or more, got -1"),
        (["since_id": "3"], "since_id", "expected an integer, got string"),
        (["route": .null], "route", "expected a string, got null"),
    ] as [(JSONValue, String, String)])
    func parsing_RejectsBadInput_NamingTheKey(_ json: JSONValue, _ keyPath: String, _ problem: String) {
        #expect {
            try RequestMatcher(json: json)
        } throws: { error in
            guard let error = error as? MatcherError else { return false }
            return error.keyPath == keyPath && error.problem.contains(problem) && error.description.hasPrefix("matcher")
        }
    }
}
