// How entries look in the admin API and the persisted journal: keys, secrets, bodies, timestamps, outcome.
import Foundation
import HTTPWire
import JSONModel
@testable import MockSystems
import Testing

@Suite struct JournalEntryJSONTests {
    @Test func json_MarksSecrets_AndMasksThemUnlessRevealed() {
        let entry = JournalEntry.make(headers: [JournalHeader(name: "Authorization", value: "Bearer x", secret: true),
                                                JournalHeader(name: "Accept", value: "*/*")])
        let shown = entry.json(revealSecrets: true)["headers"]?.arrayValue
        #expect(shown?[0] == ["name": "Authorization", "value": "Bearer x", "secret": true])
        #expect(shown?[1] == ["name": "Accept", "value": "*/*", "secret": false])
        let masked = entry.json(revealSecrets: false)
        #expect(masked["headers"]?.arrayValue?[0]["value"] == "***")
        #expect(!masked.jsonText.contains("Bearer x"))
    }

    @Test func json_RendersJSONBody_AsTextAndParsed() {
        let json = JournalEntry.make(body: #"{"name":"Ada"}"#).json(revealSecrets: false)
        #expect(json["body"] == .string(#"{"name":"Ada"}"#))
        #expect(json["body_json"] == ["name": "Ada"])
        #expect(json["body_base64"] == nil)
    }

    @Test func json_RendersTextBody_WithoutParsedForm() {
        let json = JournalEntry.make(body: "name=Ada").json(revealSecrets: false)
        #expect(json["body"] == "name=Ada")
        #expect(json["body_json"] == nil && json["body_base64"] == nil)
    }

    @Test func json_RendersBinaryBody_AsBase64() {
        var entry = JournalEntry.make()
        entry.body = [0xFF, 0x00, 0xFE]
        let json = entry.json(revealSecrets: false)
        #expect(json["body"] == .null)
        #expect(json["body_base64"] == "/wD+")
    }

    @Test func json_UsesSnakeCaseKeys_AndRendersEveryField() throws {
        var entry = JournalEntry.make(query: "a=1", route: "create", auth: .expired,
                                      validation: .failed(errors: [FieldError(field: "email", reason: "must be an email")]))
        entry.id = 7
        entry.fault = "rule r1: status 503 (1 of 1)"
        entry.status = 503
        entry.completed = true
        entry.answeredBy = .route
        let json = entry.json(revealSecrets: false)
        let keys = try #require(json.objectValue?.keys)
        #expect(keys == ["id", "system", "arrived_at", "arrival_monotonic_ns", "method", "target", "path", "query", "headers",
                         "body", "peer", "route", "auth", "validation", "validation_errors", "fault", "status", "completed", "answered_by",
                         "outcome"])
        #expect(json["arrived_at"] == "2023-11-14T22:13:20.123Z")
        #expect(json["arrival_monotonic_ns"] == 42 && json["target"] == "/contacts?a=1" && json["query"] == "a=1")
        #expect(json["auth"] == "expired" && json["validation"] == "failed" && json["outcome"] == "rejected")
        #expect(json["answered_by"] == "route")
        #expect(json["validation_errors"] == [["field": "email", "reason": "must be an email"]])
        #expect(json["status"] == 503 && json["completed"] == true && json["fault"] == "rule r1: status 503 (1 of 1)")
        let pending = JournalEntry.make().json(revealSecrets: false)
        #expect(pending["status"] == .null && pending["answered_by"] == "none" && pending["outcome"] == .null)
    }

    @Test(arguments: [
        (0.0, "1970-01-01T00:00:00.000Z"),
        (1_709_208_000.5, "2024-02-29T12:00:00.500Z"),
        (951_782_400.999, "2000-02-29T00:00:00.999Z"),
        (-1.5, "1969-12-31T23:59:58.500Z"),
        (4_102_444_799.0, "2099-12-31T23:59:59.000Z"),
    ])
    func date_FormatsRFC3339InUTC_WithMilliseconds(_ seconds: Double, _ expected: String) {
        #expect(Date(timeIntervalSince1970: seconds).rfc3339Milliseconds == expected)
    }

    @Test(arguments: [
        (AnsweredBy.route, 201 as Int?, EntryOutcome.accepted as EntryOutcome?),
        (.route, 302, .accepted),
        (.route, 401, .rejected),
        (.route, 404, .rejected),
        (.route, 422, .rejected),
        (.route, nil, nil),
        (.fault, 201, nil),
        (.fault, nil, nil),
        (.admin, 404, nil),
        (.admin, 405, nil),
        (.nothing, nil, nil),
    ])
    func outcome_IsWhatARouteAnswered(_ answeredBy: AnsweredBy, _ status: Int?, _ expected: EntryOutcome?) {
        var entry = JournalEntry.make(auth: .accepted, validation: .passed)
        entry.answeredBy = answeredBy
        entry.status = status
        #expect(entry.outcome == expected)
    }

    @Test func entry_FromRequest_MarksCredentialHeadersSecret() {
        let request = HTTPRequest(method: "POST", target: "/contacts?x=1",
                                  headers: ["authorization": "Bearer t", "X-Trace": "abc"], body: Array("{}".utf8),
                                  arrival: ArrivalStamp(wall: Date(timeIntervalSince1970: 5), monotonicNanoseconds: 9), peer: "1.2.3.4:5")
        let entry = JournalEntry(system: "crm", request: request)
        #expect(entry.path == "/contacts" && entry.query == "x=1" && entry.target == "/contacts?x=1")
        #expect(entry.headers == [JournalHeader(name: "authorization", value: "Bearer t", secret: true),
                                  JournalHeader(name: "X-Trace", value: "abc", secret: false)])
        #expect(entry.arrivalMonotonicNanoseconds == 9 && entry.peer == "1.2.3.4:5" && entry.headerValue("AUTHORIZATION") == "Bearer t")
    }
}
