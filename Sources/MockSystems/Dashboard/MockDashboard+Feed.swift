// The dashboard's live feed over HTTP: the newest requests on first load, then long polls for the events after a cursor.
import HTTPWire
import JSONModel

extension MockDashboard {
    /// `GET /api/systems`: every system's name, title, URLs, routes, collections and journal counters.
    func describeSystems(_ request: HTTPRequest) throws(DashboardQueryError) -> HTTPResponse {
        _ = try DashboardQuery(request.queryItems, allowed: [])
        let list = systems.map { system -> JSONValue in
            let stats = system.journal.stats
            return .object([
                "name": .string(system.definition.name),
                "title": .string(system.definition.title),
                "url": system.baseURL.map(JSONValue.string) ?? .null,
                "routes": .array(system.definition.routes.map { route in
                    .object(["id": .string(route.id), "method": .string(route.method), "path": .string(route.path.text)])
                }),
                "collections": .array(system.definition.collections.map { .string($0.name) }),
                "journal": .object(["recorded": .int(stats.recorded), "retained": .int(stats.retained), "overflow": .int(stats.overflow)]),
            ])
        }
        return Self.answer(200, ["systems": .array(list), "cursor": .int(feed.latestSequence)])
    }

    /// `GET /api/requests?limit=N&system=S`: the newest N requests (across the systems, or of S), oldest first, as
    /// row summaries, and the feed's `cursor` to poll from (read first, so nothing between the two is lost).
    func recentRequests(_ request: HTTPRequest) throws(DashboardQueryError) -> HTTPResponse {
        let query = try DashboardQuery(request.queryItems, allowed: ["limit", "system"])
        let limit = try query.integer("limit", in: 1...configuration.maxPageSize, default: configuration.maxPageSize)
        var chosen = systems
        if let name = query.text("system") {
            guard let system = system(name) else {
                throw DashboardQueryError(message: "system must name a running system (\(systems.map(\.definition.name).joined(separator: ", "))), got '\(name.prefix(40))'")
            }
            chosen = [system]
        }
        let cursor = feed.latestSequence
        let newest = chosen.flatMap { $0.journal.newest(limit) }
            .sorted { $0.arrivalMonotonicNanoseconds < $1.arrivalMonotonicNanoseconds }
            .suffix(limit)
        return Self.answer(200, ["requests": .array(newest.map(\.dashboardSummary)), "cursor": .int(cursor)])
    }

    /// `GET /api/events?after=SEQ&wait_ms=N&limit=L`: the events after SEQ at once when there are any, else as soon
    /// as one happens or when N ms pass (an empty list). When more than L happened, or the feed dropped some, the
    /// answer is only `missed` and `next` (no events): the page then reads the newest requests afresh. Waiting holds
    /// no thread; the answer is built on this loop.
    func events(_ request: HTTPRequest, _ writer: HTTPResponseWriter) throws(DashboardQueryError) {
        let query = try DashboardQuery(request.queryItems, allowed: ["after", "wait_ms", "limit"])
        let after = try query.integer("after", in: 0...Int.max, default: nil,
                                      meaning: "the sequence of the last event seen; 0 for every event held")
        let wait = try query.integer("wait_ms", in: 0...configuration.maxWaitMilliseconds, default: 0,
                                     meaning: "how long to wait for an event")
        let limit = try query.integer("limit", in: 1...configuration.maxPageSize, default: configuration.maxPageSize)
        let started = MonotonicClock.now()
        let respond: @Sendable () -> Void = { [self] in
            let page = feed.page(after: after, limit: limit)
            let waited = Int(MonotonicClock.elapsed(since: started).inMilliseconds)
            // A page that missed events reads the newest rows afresh (/api/requests), so rendering these is waste.
            let events = page.missed > 0 ? [] : page.events.map(eventJSON)
            writer.respond(Self.answer(200, [
                "events": .array(events), "next": .int(page.next), "missed": .int(page.missed),
                "waited_ms": .int(waited),
            ]))
        }
        guard wait > 0 else {
            respond()
            return
        }
        let loop = writer.eventLoop
        feed.wait(after: after, timeout: .milliseconds(wait)) { loop.execute(respond) }
    }
}

extension MockDashboard {
    /// `{"sequence", "kind", "system", "request": row summary or null}`: the request as its journal holds it now
    /// (null for a reset, or once the journal dropped it).
    func eventJSON(_ event: DashboardEvent) -> JSONValue {
        let entry = event.entryID.flatMap { id in system(event.system)?.journal.entry(id: id) }
        return .object(["sequence": .int(event.sequence), "kind": .string(event.kind.rawValue), "system": .string(event.system),
                        "request": entry?.dashboardSummary ?? .null])
    }
}
