// Judging helpers the case areas share: the error shapes, where a 422 points, what a tool answer holds, what is stored.
import ToolContract
import Foundation
import JSONModel

/// Small, dialect-neutral helpers for cases that judge the tool API itself (not executions).
enum CaseChecks {
    /// A fresh tool id that no server holds, shaped like Feather's ids (UUID) so that only its absence is judged.
    static func unknownID() -> String { UUID().uuidString.lowercased() }

    /// Whether `json` is Feather's ErrorResponse: `error` and `message` strings; `retryable` (boolean or null) and
    /// `retry_after` (integer or null) of the right type when present.
    static func isErrorResponse(_ json: JSONValue?) -> Bool {
        guard let json, json["error"]?.stringValue != nil, json["message"]?.stringValue != nil else { return false }
        let retryable = json["retryable"] ?? .null
        let retryAfter = json["retry_after"] ?? .null
        return (retryable == .null || retryable.boolValue != nil) && (retryAfter == .null || retryAfter.intValue != nil)
    }

    /// The `detail` items of an HTTPValidationError, or nil unless every item is `{loc: [string|int], msg, type}`.
    static func validationDetail(_ json: JSONValue?) -> [JSONValue]? {
        guard let items = json?["detail"]?.arrayValue, !items.isEmpty else { return nil }
        for item in items {
            guard let loc = item["loc"]?.arrayValue, !loc.isEmpty,
                  loc.allSatisfy({ $0.stringValue != nil || $0.intValue != nil }),
                  item["msg"]?.stringValue != nil, item["type"]?.stringValue != nil else { return nil }
        }
        return items
    }

    /// Whether a `loc` points at `field`: it is `field`, or a place inside it.
    static func loc(_ loc: JSONValue?, pointsAt field: [String]) -> Bool {
        guard let loc = loc?.arrayValue, loc.count >= field.count else { return false }
        return zip(loc, field).allSatisfy { $0.0 == .string($0.1) }
    }
}

extension CaseContext {
    /// Fails unless `answer` is a 422 HTTPValidationError with an item whose `loc` points at `field`
    /// (`["body", "configuration", "timeout"]`, or a place inside it).
    /// - Parameter what: the invalid request in words (`timeout 0`).
    func expectValidation(_ answer: TargetAnswer, at field: [String], _ what: String) throws {
        try expect(answer.status == 422, "\(what) is refused with 422", observed: answer.summary)
        let items = CaseChecks.validationDetail(answer.json)
        try expect(items != nil, "the 422 body is {detail: [{loc, msg, type}]}", observed: answer.summary, field: "detail")
        try expect(items?.contains { CaseChecks.loc($0["loc"], pointsAt: field) } == true,
                   "a detail item's loc points at \(field.locText) for \(what)", observed: answer.summary, field: "loc")
    }

    /// Judges a create that the contract refuses: 422 at `field`, and no tool named or described `marker` stored.
    /// A tool the target created anyway is deleted first, so a failing target does not fill up.
    func expectRefusedCreate(_ answer: TargetAnswer, at field: [String], _ what: String, marker: String) async throws {
        if (200..<300).contains(answer.status), let id = answer["id"].stringValue { await removeTools([id]) }
        try expectValidation(answer, at: field, what)
        try await expectNothingStored(marker, what)
    }

    /// Fails when a listed tool is named or described `marker`.
    func expectNothingStored(_ marker: String, _ what: String) async throws {
        let stored = try await listedTools().filter { $0["name"] == .string(marker) || $0["description"] == .string(marker) }
        try expect(stored.isEmpty, "nothing is stored for \(what)",
                   observed: "the list holds \(stored.count) tool(s) marked \(marker): \(stored.first?.jsonText.prefix(200) ?? "")")
    }

    /// Every page of `GET /v1/tools`, following `next_cursor` while `has_more` (Feather with `limit=200`; OneInbox
    /// documents no limit). Stops at a page that is not a 200 list or adds no new id, so a target that repeats pages
    /// cannot hold the case forever.
    func toolPages() async throws -> [TargetAnswer] {
        let first = dialect == .feather ? "/v1/tools?limit=200" : "/v1/tools"
        var pages: [TargetAnswer] = []
        var seen: Set<String> = []
        var path = first
        for _ in 0..<100 {
            let page = try await send("GET", path)
            pages.append(page)
            let items = page["items"].arrayValue ?? page.json?.arrayValue ?? []
            let fresh = items.filter { seen.insert($0["id"]?.stringValue ?? $0.jsonText).inserted }
            guard page.status == 200, !fresh.isEmpty, page["has_more"] == .bool(true),
                  let cursor = page["next_cursor"].stringValue else { break }
            path = first + (dialect == .feather ? "&" : "?") + "cursor=\(cursor.cursorQueryValue)"
        }
        return pages
    }

    /// Every tool the list shows, once each (a bare array is taken as one page).
    /// - Throws: `CaseSetupError` when a list request is not answered 200 with a list.
    func listedTools() async throws -> [JSONValue] {
        var tools: [JSONValue] = []
        var seen: Set<String> = []
        for page in try await toolPages() {
            guard page.status == 200, let items = page["items"].arrayValue ?? page.json?.arrayValue else {
                throw CaseSetupError("setup: listing the tools failed: \(page.summary)")
            }
            tools += items.filter { seen.insert($0["id"]?.stringValue ?? $0.jsonText).inserted }
        }
        return tools
    }

    /// `GET /v1/tools/{id}` read as a `ToolView`. Feather's ToolResponse may leave `active_revision` out; then the
    /// active revision is fetched when the target declares `revisions`, else the view shows no settings.
    func toolView(_ id: String) async throws -> (answer: TargetAnswer, view: ToolView) {
        let answer = try await getTool(id)
        var json = answer.json ?? .null
        if dialect == .feather, (json["active_revision"] ?? .null) == .null, capabilities.contains(.revisions),
           let revision = json["active_revision_id"]?.stringValue {
            let fetched = try await send("GET", "/v1/tools/revisions/\(revision)")
            if fetched.status == 200, let revisionJSON = fetched.json { json = json.replacing(["active_revision"], with: revisionJSON) }
        }
        return (answer, ToolView(json, dialect))
    }

    /// Deletes tools the case created, ignoring the answers (clean-up is not judged).
    func removeTools(_ ids: [String]) async {
        _ = await Self.failing(ids) { id in
            if case .success = await self.attempt("DELETE", "/v1/tools/\(id)") { return true }
            return false
        }
    }
}

/// A tool answer read the same way in both dialects: Feather keeps the api_call settings and the transfer target in
/// `active_revision`, OneInbox at the top level.
struct ToolView {
    var json: JSONValue
    var dialect: Dialect

    init(_ json: JSONValue?, _ dialect: Dialect) {
        self.json = json ?? .null
        self.dialect = dialect
    }

    var id: String? { json["id"]?.stringValue }
    /// Whether the answer shows the settings: OneInbox always; Feather when it embeds `active_revision`.
    var showsSettings: Bool { dialect == .oneinbox || json["active_revision"]?.objectValue != nil }
    var name: JSONValue { json["name"] ?? .null }
    var description: JSONValue { json["description"] ?? .null }
    /// `url`, `method`, `headers`, `variables`, `timeout`...: Feather's active configuration, OneInbox's top level.
    func setting(_ key: String) -> JSONValue {
        (dialect == .feather ? json["active_revision"]?["configuration"]?[key] : json[key]) ?? .null
    }

    /// The names of the variables (Feather) or parameters (OneInbox), in order.
    var variableNames: [String] {
        (setting(dialect == .feather ? "variables" : "parameters").arrayValue ?? []).compactMap { $0["name"]?.stringValue }
    }

    /// A header's value, its name matched case-insensitively: Feather's `[{key, value, secure}]`, OneInbox's object.
    func header(_ name: String) -> JSONValue {
        let headers = setting("headers")
        let matches = { (key: String?) in key?.lowercased() == name.lowercased() }
        if dialect == .oneinbox { return headers.objectValue?.first { matches($0.key) }?.value ?? .null }
        return headers.arrayValue?.first { matches($0["key"]?.stringValue) }?["value"] ?? .null
    }

    /// The stored static transfer destination.
    var transferDestination: JSONValue {
        (dialect == .feather ? json["active_revision"]?["transfer_target"]?["destination"] : json["transfer_to"]) ?? .null
    }
}

extension JSONValue {
    /// A copy with the value at `path` (object keys) set, or removed when `value` is nil; missing objects on the way
    /// are created. For writing invalid variants of a valid body.
    func replacing(_ path: [String], with value: JSONValue?) -> JSONValue {
        guard let key = path.first else { return value ?? .null }
        var object = objectValue ?? [:]
        if path.count == 1 {
            object[key] = value
        } else {
            object[key] = (object[key] ?? .object([:])).replacing(Array(path.dropFirst()), with: value)
        }
        return .object(object)
    }
}

extension [String] {
    /// `["body", "name"]` as the JSON array a reader expects in a `loc`.
    var locText: String { JSONValue.array(map { .string($0) }).jsonText }
}

extension String {
    /// Percent-encoded for a query value (an opaque cursor may hold `+`, `/`, `=`).
    var cursorQueryValue: String { addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? self }
}
