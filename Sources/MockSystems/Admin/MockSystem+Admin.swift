// The admin API under /__admin/: journal queries and counts (with a server-side wait), faults, state.
import JSONModel
import Foundation
import HTTPWire

extension MockSystem {
    /// Longest server-side wait a count request may ask for.
    static let maxWaitMilliseconds = 60_000

    func handleAdmin(_ request: HTTPRequest, _ writer: HTTPResponseWriter) {
        if let token = options.adminToken {
            guard Self.presentsAdminToken(request, token) else {
                writer.respond(Self.error(401, "unauthorized", "the admin API needs 'Authorization: Bearer <admin token>' or 'X-Admin-Token'"))
                return
            }
        }
        let parts = request.path.split(separator: "/").dropFirst().map(String.init)  // after "__admin"
        switch (request.method, parts.joined(separator: "/")) {
        case ("GET", ""):
            writer.respond(Self.ok(describe()))
        case ("GET", "requests"):
            writer.respond(listRequests(request))
        case ("GET", "requests/count"):
            // Exactly {"count": N} (every request recorded since the last reset, overflowed ones included);
            // how many can still be listed is in the X-Journal-* headers.
            writer.respond(journalOK(["count": .int(journal.stats.recorded)]))
        case ("POST", "requests/count"):
            countRequests(request, writer)
        case ("POST", "requests/find"):
            writer.respond(findRequests(request))
        case ("DELETE", "requests"):
            journal.reset()
            writer.respond(HTTPResponse(status: 204))
        case ("GET", "faults"):
            writer.respond(Self.ok(["faults": .array(faults.withLock { $0.rulesJSON })]))
        case ("POST", "faults"):
            writer.respond(addFault(from: request))
        case ("DELETE", "faults"):
            removeAllFaults()
            writer.respond(HTTPResponse(status: 204))
        case ("DELETE", _) where parts.count == 2 && parts[0] == "faults":
            let id = parts[1]
            let removed = faults.withLock { $0.remove(id: id) }
            writer.respond(removed ? HTTPResponse(status: 204) : Self.error(404, "not_found", "no fault rule with id '\(id)'"))
        case ("GET", "collections"):
            writer.respond(Self.ok(["collections": .object(JSONObject(collections.keys.sorted().map { name in
                let counts = collections[name]!.counts
                return (name, JSONValue.object(["held": .int(counts.held), "evicted": .int(counts.evicted)]))
            }))]))
        case (let method, _) where parts.count == 2 && parts[0] == "collections" && (method == "GET" || method == "DELETE"):
            let name = parts[1]
            guard let store = collections[name] else {
                writer.respond(Self.error(404, "not_found", "no collection named '\(name)'; have: \(collections.keys.sorted().joined(separator: ", "))"))
                return
            }
            if method == "DELETE" {
                store.reset()
                writer.respond(HTTPResponse(status: 204))
                return
            }
            let counts = store.counts
            writer.respond(Self.ok(["records": .array(store.list()), "held": .int(counts.held), "evicted": .int(counts.evicted)]))
        case (_, let path) where parts.first == "tokens":
            writer.respond(handleTokenAdmin(request, path: path))
        case ("POST", "reset"):
            reset()
            writer.respond(HTTPResponse(status: 204))
        default:
            writer.respond(Self.error(404, "not_found", "no admin endpoint \(request.method) \(request.path); see GET /__admin"))
        }
    }

    private func describe() -> JSONObject {
        let stats = journal.stats
        return [
            "system": .string(definition.name),
            "title": .string(definition.title),
            "routes": .array(definition.routes.map { route -> JSONValue in .object(["id": .string(route.id), "method": .string(route.method), "path": .string(route.path.text)]) }),
            "collections": .array(definition.collections.map { .string($0.name) }),
            "journal": .object(["recorded": .int(stats.recorded), "retained": .int(stats.retained), "overflow": .int(stats.overflow)]),
        ]
    }

    private func listRequests(_ request: HTTPRequest) -> HTTPResponse {
        var filter = JournalFilter()
        for (name, value) in request.queryItems {
            switch name {
            case "route": filter.route = value
            case "method": filter.method = value.uppercased()
            case "since_id":
                guard let id = Int(value), id >= 0 else { return Self.error(400, "bad_request", "since_id must be a non-negative integer, got '\(value)'") }
                filter.sinceID = id
            case "since":
                guard let date = try? Date(value, strategy: .iso8601) else {
                    return Self.error(400, "bad_request", "since must be an RFC 3339 time such as 2026-11-24T10:00:00Z, got '\(value)'")
                }
                filter.sinceDate = date
            case "limit":
                guard let limit = Int(value), (1...100_000).contains(limit) else { return Self.error(400, "bad_request", "limit must be 1-100000, got '\(value)'") }
                filter.limit = limit
            default:
                return Self.error(400, "bad_request", "unknown filter '\(name)'; use route, method, since_id, since or limit")
            }
        }
        return journalAnswer(journal.entries(filter: filter))
    }

    private func journalAnswer(_ entries: [JournalEntry]) -> HTTPResponse {
        journalOK(["requests": .array(entries.map { $0.json(revealSecrets: true) }), "count": .int(entries.count),
                   "overflow": .int(journal.stats.overflow)])
    }

    /// A 200 journal answer; every one reports the journal's overflow, never silently dropping.
    func journalOK(_ object: JSONObject) -> HTTPResponse {
        let stats = journal.stats
        return .json(200, JSONValue.object(object).encoded(), headers: [
            "X-Journal-Recorded": String(stats.recorded), "X-Journal-Retained": String(stats.retained), "X-Journal-Overflow": String(stats.overflow),
        ])
    }

    private func matcher(_ request: HTTPRequest, extraKeys: Set<String> = []) -> Result<(RequestMatcher, JSONObject), EarlyResponse> {
        var object = JSONObject()
        if !request.body.isEmpty {
            guard let parsed = try? JSONValue.parse(request.body), case let .object(body) = parsed else {
                return .failure(EarlyResponse(Self.error(400, "invalid_json", "the body must be a JSON object (a request matcher)")))
            }
            object = body
        }
        var matcherPart = object
        var extras = JSONObject()
        for key in extraKeys { extras[key] = object[key]; matcherPart[key] = nil }
        do {
            return .success((try RequestMatcher(json: .object(matcherPart)), extras))
        } catch {
            return .failure(EarlyResponse(Self.error(400, "bad_matcher", "\(error)")))
        }
    }

    private func findRequests(_ request: HTTPRequest) -> HTTPResponse {
        switch matcher(request) {
        case let .failure(early): return early.response
        case let .success((matcher, _)): return journalAnswer(journal.find(matching: matcher))
        }
    }

    /// `POST /__admin/requests/count` with a matcher, and optionally `wait_ms` and `at_least` (default 1):
    /// answers as soon as that many matching requests are journaled, or when the wait ends.
    private func countRequests(_ request: HTTPRequest, _ writer: HTTPResponseWriter) {
        let (matcher, extras): (RequestMatcher, JSONObject)
        switch self.matcher(request, extraKeys: ["wait_ms", "at_least"]) {
        case let .failure(early):
            writer.respond(early.response)
            return
        case let .success(parsed):
            (matcher, extras) = parsed
        }
        var waitMilliseconds = 0, atLeast = 1
        if let value = extras["wait_ms"] {
            guard let wait = value.intValue, (0...Self.maxWaitMilliseconds).contains(wait) else {
                writer.respond(Self.error(400, "bad_request", "wait_ms must be an integer 0-\(Self.maxWaitMilliseconds)"))
                return
            }
            waitMilliseconds = wait
        }
        if let value = extras["at_least"] {
            guard let count = value.intValue, count >= 0 else {
                writer.respond(Self.error(400, "bad_request", "at_least must be a non-negative integer"))
                return
            }
            atLeast = count
        }
        let started = MonotonicClock.now()
        let respond: @Sendable (Int) -> Void = { [self, atLeast] count in
            let waited = Int(MonotonicClock.elapsed(since: started).inMilliseconds)
            writer.respond(journalOK(["count": .int(count), "satisfied": .bool(count >= atLeast),
                                      "overflow": .int(journal.stats.overflow), "waited_ms": .int(waited)]))
        }
        guard waitMilliseconds > 0 else {
            respond(journal.count(matching: matcher))
            return
        }
        journal.waitForCount(matching: matcher, atLeast: atLeast, timeout: Duration.milliseconds(waitMilliseconds), completion: respond)
    }

    /// Adds the fault rule a request carries: 201 with the rule as stored, 400 when the body is not JSON, 422 naming
    /// what is wrong. The one way for the admin API and the dashboard's API.
    func addFault(from request: HTTPRequest) -> HTTPResponse {
        guard let json = try? JSONValue.parse(request.body) else {
            return Self.error(400, "invalid_json", "the body must be a fault rule as JSON (see Mocks/README.md, Faults)")
        }
        do {
            let rule = try FaultRule(json: json)
            addFault(rule)
            return .json(201, rule.json.encoded())
        } catch {
            return Self.error(422, "bad_fault", "\(error)")
        }
    }

    /// Whether `request` carries the admin `token` as `Authorization: Bearer T` or `X-Admin-Token: T` (constant time):
    /// the one check for the admin API and the dashboard's API.
    static func presentsAdminToken(_ request: HTTPRequest, _ token: String) -> Bool {
        let presented = bearerToken(request.headers) ?? request.headers["X-Admin-Token"] ?? ""
        return constantTimeEquals(Array(presented.utf8), Array(token.utf8))
    }

    static func ok(_ object: JSONObject) -> HTTPResponse { .json(200, JSONValue.object(object).encoded()) }
}
