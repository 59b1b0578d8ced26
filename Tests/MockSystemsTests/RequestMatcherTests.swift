// Every matcher key against journal entries, and the body comparisons behind body_equals and body_contains.
import Testing
@testable import MockSystems

@Suite struct RequestMatcherTests {
    private static func entry(id: Int = 1, method: String = "POST", path: String = "/callbacks", route: String? = "create_callback",
                              headers: [JournalHeader] = [], body: String = "", auth: AuthOutcome = .accepted,
                              answeredBy: AnsweredBy = .route, status: Int? = 201) -> JournalEntry {
        var entry = JournalEntry.make(method: method, path: path, headers: headers, body: body, route: route, auth: auth,
                                      answeredBy: answeredBy, status: status)
        entry.id = id
        return entry
    }

    @Test func matcher_Empty_MatchesEverything() {
        #expect(RequestMatcher().matches(Self.entry()))
    }

    @Test func matcher_Method_IgnoresCase() {
        #expect(RequestMatcher(method: "post").matches(Self.entry()))
        #expect(!RequestMatcher(method: "GET").matches(Self.entry()))
    }

    @Test func matcher_Path_IsExact_OrAPrefixWithStar() {
        #expect(RequestMatcher(path: PathSelector("/callbacks")).matches(Self.entry()))
        #expect(!RequestMatcher(path: PathSelector("/callbacks")).matches(Self.entry(path: "/callbacks/7")))
        #expect(RequestMatcher(path: PathSelector("/callbacks*")).matches(Self.entry(path: "/callbacks/7")))
        #expect(!RequestMatcher(path: PathSelector("/call*")).matches(Self.entry(path: "/contacts")))
    }

    @Test func matcher_Route_MustBeEqual() {
        #expect(RequestMatcher(route: "create_callback").matches(Self.entry()))
        #expect(!RequestMatcher(route: "create_callback").matches(Self.entry(route: nil)))
    }

    @Test func matcher_System_MustBeEqual() {
        #expect(RequestMatcher(system: "crm").matches(Self.entry()))
        #expect(!RequestMatcher(system: "tickets").matches(Self.entry()))
    }

    @Test func matcher_Headers_NameIgnoresCase_ValueExact_SecretsIncluded() {
        let entry = Self.entry(headers: [JournalHeader(name: "authorization", value: "Bearer t", secret: true),
                                         JournalHeader(name: "X-Tag", value: "a"), JournalHeader(name: "X-Tag", value: "b")])
        #expect(RequestMatcher(headers: [JournalHeader(name: "Authorization", value: "Bearer t")]).matches(entry))
        #expect(!RequestMatcher(headers: [JournalHeader(name: "Authorization", value: "bearer t")]).matches(entry))
        #expect(RequestMatcher(headers: [JournalHeader(name: "x-tag", value: "b")]).matches(entry))
        #expect(!RequestMatcher(headers: [JournalHeader(name: "X-Missing", value: "a")]).matches(entry))
    }

    @Test func matcher_BodyEquals_ComparesJSON_NumbersByValue() {
        let entry = Self.entry(body: #"{"b":[1,2],"a":1.0}"#)
        #expect(RequestMatcher(bodyEquals: ["a": 1, "b": [1, 2]]).matches(entry))
        #expect(!RequestMatcher(bodyEquals: ["a": 1]).matches(entry))
        #expect(!RequestMatcher(bodyEquals: ["a": 1]).matches(Self.entry(body: "a=1")))
    }

    @Test func matcher_BodyContains_IsARecursiveSubset_WithEqualArrays() {
        let entry = Self.entry(body: #"{"contact":{"name":"Ada","phone":"+4420"},"tags":["a","b"],"n":3}"#)
        #expect(RequestMatcher(bodyContains: ["contact": ["name": "Ada"]]).matches(entry))
        #expect(RequestMatcher(bodyContains: ["tags": ["a", "b"], "n": 3.0]).matches(entry))
        #expect(!RequestMatcher(bodyContains: ["tags": ["a"]]).matches(entry))
        #expect(!RequestMatcher(bodyContains: ["contact": ["name": "Bob"]]).matches(entry))
        #expect(!RequestMatcher(bodyContains: ["missing": .null]).matches(entry))
        #expect(RequestMatcher(bodyContains: [:]).matches(entry))
        #expect(!RequestMatcher(bodyContains: [:]).matches(Self.entry(body: "not json")))
    }

    @Test func matcher_Outcome_IsWhatARouteAnswered() {
        #expect(RequestMatcher(outcome: .accepted).matches(Self.entry()))
        #expect(RequestMatcher(outcome: .rejected).matches(Self.entry(auth: .missing, status: 401)))
        #expect(!RequestMatcher(outcome: .accepted).matches(Self.entry(auth: .invalid, status: 401)))
        #expect(!RequestMatcher(outcome: .accepted).matches(Self.entry(answeredBy: .fault, status: 201)))
        #expect(!RequestMatcher(outcome: .accepted).matches(Self.entry(answeredBy: .admin, status: 404)))
        #expect(!RequestMatcher(outcome: .accepted).matches(Self.entry(answeredBy: .nothing, status: nil)))
        #expect(!RequestMatcher(outcome: .rejected).matches(Self.entry(answeredBy: .admin, status: 405)))
    }

    @Test func matcher_Status_IsACodeOrAClass_AndNeverMatchesNoAnswer() {
        #expect(RequestMatcher(status: .exactly(201)).matches(Self.entry()))
        #expect(!RequestMatcher(status: .exactly(200)).matches(Self.entry()))
        #expect(RequestMatcher(status: .classOf(hundreds: 2)).matches(Self.entry()))
        #expect(RequestMatcher(status: .classOf(hundreds: 5)).matches(Self.entry(answeredBy: .fault, status: 503)))
        #expect(!RequestMatcher(status: .classOf(hundreds: 4)).matches(Self.entry(status: 503)))
        #expect(!RequestMatcher(status: .classOf(hundreds: 5)).matches(Self.entry(answeredBy: .nothing, status: nil)))
        #expect(StatusSelector("4XX") == .classOf(hundreds: 4) && StatusSelector("201") == .exactly(201))
        #expect(StatusSelector("6xx") == nil && StatusSelector("99") == nil && StatusSelector("x") == nil)
    }

    @Test func matcher_AnsweredBy_SaysWhatDecidedTheAnswer() {
        for answeredBy in AnsweredBy.allCases {
            let entry = Self.entry(answeredBy: answeredBy)
            #expect(AnsweredBy.allCases.filter { RequestMatcher(answeredBy: $0).matches(entry) } == [answeredBy])
        }
    }

    @Test func matcher_SinceID_IsExclusive() {
        #expect(!RequestMatcher(sinceID: 5).matches(Self.entry(id: 5)))
        #expect(RequestMatcher(sinceID: 5).matches(Self.entry(id: 6)))
    }
}
