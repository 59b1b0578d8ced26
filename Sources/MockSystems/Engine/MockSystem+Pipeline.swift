// A request's way through a mock: journal on arrival, fault decision, then auth, checks, action and answer.
import Foundation
import HTTPWire

/// What processing a request decided, for the answer and the journal.
struct Processed {
    var response: HTTPResponse
    var route: String?
    var auth: AuthOutcome = .notRequired
    var validation: BodyValidationOutcome = .notChecked
    /// `.route` when a route answered, `.admin` when the mock did (no route matched).
    var answeredBy: AnsweredBy = .route

    /// The journal's record of this answer: sent with `status` (nil when cut off) and decided by `by`.
    func completion(status: Int?, by answeredBy: AnsweredBy? = nil) -> JournalCompletion {
        JournalCompletion(status: status, answeredBy: answeredBy ?? self.answeredBy, auth: auth, validation: validation)
    }
}

extension MockSystem {
    func handle(_ request: HTTPRequest, _ writer: HTTPResponseWriter) {
        let isAdmin = request.path == "/__admin" || request.path.hasPrefix("/__admin/")
        if let cors = options.cors, let origin = request.headers["Origin"] {
            guard !CORSPolicy.isPreflight(request) else {
                answerPreflight(request, cors, isAdmin: isAdmin, writer)
                return
            }
            if let headers = cors.answerHeaders(origin: origin) { writer.addToAnswer(headers) }
        }
        if isAdmin {
            handleAdmin(request, writer)
            return
        }
        let match = matchRoute(request)
        let id = journal.record(draftEntry(request, route: match?.route.id))
        let decision = faults.withLock { $0.decide(for: RequestFacts(route: match?.route.id, method: request.method,
                                                                     path: String(request.path), headers: request.headers)) }
        guard let decision else {
            answer(process(request, match), id: id, writer: writer)
            return
        }
        journal.update(id: id, fault: decision.description)
        let proceed: @Sendable () -> Void = { [self] in
            if let effect = decision.effect {
                applyFault(effect, id: id, request: request, match: match, writer: writer)
            } else {
                answer(process(request, match), id: id, writer: writer)
            }
        }
        if decision.delay > .zero {
            writer.eventLoop.schedule(after: decision.delay, proceed)
        } else {
            proceed()
        }
    }

    /// A CORS preflight, answered by the mock itself (journaled as `admin` unless it asks about the admin API).
    private func answerPreflight(_ request: HTTPRequest, _ cors: CORSPolicy, isAdmin: Bool, _ writer: HTTPResponseWriter) {
        let asked = request.headers["Access-Control-Request-Method"] ?? ""
        let methods = isAdmin ? ["GET", "POST", "DELETE"] : definition.routes.filter { $0.path.match(request.path) != nil }
            .map { $0.method == "*" ? asked : $0.method }
        let response = cors.preflightAnswer(request, methods: Array(Set(methods)).sorted())
        if !isAdmin {
            let id = journal.record(draftEntry(request, route: nil))
            journal.complete(id: id, JournalCompletion(status: response.status, answeredBy: .admin))
        }
        writer.respond(response)
    }

    private func answer(_ processed: Processed, id: Int, writer: HTTPResponseWriter) {
        journal.complete(id: id, processed.completion(status: processed.response.status))
        writer.respond(processed.response)
    }

    /// Applies a fault's effect; the journal records the fault as what answered, with what the route's checks
    /// decided when the action still processed the request (`partial`, `dribble`).
    private func applyFault(_ effect: FaultEffect, id: Int, request: HTTPRequest, match: RouteMatch?, writer: HTTPResponseWriter) {
        let cutOff = JournalCompletion(status: nil, answeredBy: .fault)
        switch effect {
        case let .respond(status, headers, body):
            journal.complete(id: id, JournalCompletion(status: status, answeredBy: .fault))
            writer.respond(HTTPResponse(status: status, headers: headers, body: body))
        case .reset:
            journal.complete(id: id, cutOff)
            writer.perform(.reset)
        case .close:
            journal.complete(id: id, cutOff)
            writer.perform(.close)
        case let .garbage(bytes):
            journal.complete(id: id, cutOff)
            writer.perform(.raw(bytes, then: .close))
        case let .partial(count, ending):
            let processed = process(request, match)
            journal.complete(id: id, processed.completion(status: nil, by: .fault))
            writer.perform(.partial(processed.response, bytes: count, then: ending))
        case let .dribble(duration, chunkBytes):
            let processed = process(request, match)
            journal.complete(id: id, processed.completion(status: processed.response.status, by: .fault))
            writer.perform(.dribbleOver(processed.response, chunkBytes: chunkBytes, duration: duration))
        }
    }

    private func draftEntry(_ request: HTTPRequest, route: String?) -> JournalEntry {
        let secretNames = secretHeaderNames
        let secrets = secretValues
        let headers = request.headers.fields.map { field in
            JournalHeader(name: field.name, value: field.value,
                          secret: secretNames.contains { HTTPHeaders.namesMatch($0, field.name) }
                              || secrets.contains { Self.bytes(of: field.value, contain: $0) })
        }
        var entry = JournalEntry(id: 0, system: definition.name, arrivedAt: request.arrival.wall,
                                 arrivalMonotonicNanoseconds: request.arrival.monotonicNanoseconds, method: request.method,
                                 target: request.target, path: String(request.path), query: request.query.map(String.init),
                                 headers: headers, body: request.body, peer: request.peer, route: route,
                                 auth: .notRequired, validation: .notChecked, fault: nil, status: nil)
        entry.secretValues = secretValues
        return entry
    }


    /// Plain byte search (Foundation's `contains` goes through CFString and showed up in profiles).
    static func bytes(of text: String, contain secret: String) -> Bool {
        guard !secret.isEmpty, text.utf8.count >= secret.utf8.count else { return false }
        var text = text, secret = secret
        return text.withUTF8 { haystack in
            secret.withUTF8 { needle in
                let first = needle[0], last = haystack.count - needle.count
                var start = 0
                while start <= last {
                    if haystack[start] == first && UnsafeBufferPointer(rebasing: haystack[start..<start + needle.count]).elementsEqual(needle) {
                        return true
                    }
                    start += 1
                }
                return false
            }
        }
    }

    /// Header names whose values are always secret here.
    private var secretHeaderNames: [String] {
        var names = ["Authorization", "Proxy-Authorization", "X-Admin-Token"]
        if case let .apiKey(header, _) = auth { names.append(header) }
        return names
    }
}

