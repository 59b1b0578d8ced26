// Answering a request the way the definition says: route, auth, signature, checks, action, template.
import JSONModel
import Foundation
import HTTPWire

extension MockSystem {
    struct RouteMatch {
        var route: RouteSpec
        var parameters: [String: String]
    }

    func matchRoute(_ request: HTTPRequest) -> RouteMatch? {
        for route in definition.routes where route.method == "*" || route.method == request.method {
            if let parameters = route.path.match(request.path) { return RouteMatch(route: route, parameters: parameters) }
        }
        return nil
    }

    func process(_ request: HTTPRequest, _ match: RouteMatch?) -> Processed {
        guard let match else { return Processed(response: unrouted(request), answeredBy: .admin) }
        let route = match.route
        var processed = Processed(response: HTTPResponse(status: 500), route: route.id)
        if route.requiresAuth {
            processed.auth = authenticate(request)
            if let refusal = refusal(for: processed.auth) {
                processed.response = refusal
                return processed
            }
        }
        if let signature = route.signature, let problem = signatureProblem(request, signature, route: route.id, now: Date()) {
            processed.validation = .failed(errors: [FieldError(field: problem.header ?? signature.signatureHeader, reason: problem.message)])
            processed.response = Self.error(401, "invalid_signature", problem.message)
            return processed
        }
        let query = Dictionary(request.queryItems.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
        var errors: [FieldError] = []
        for (name, rule) in route.query { rule.check(query[name].map { .string($0) }, field: name, into: &errors) }
        var body: JSONValue?
        if let rules = route.body {
            switch Self.jsonObject(request.body) {
            case let .failure(problem):
                processed.validation = .failed(errors: [FieldError(field: "body", reason: problem.reason)])
                processed.response = Self.error(problem.status, problem.code, problem.reason)
                return processed
            case let .success(object):
                body = .object(object)
                for (name, rule) in rules { rule.check(object[name], field: name, into: &errors) }
            }
        } else if !request.body.isEmpty {
            body = try? JSONValue.parse(request.body)
        }
        if !errors.isEmpty {
            processed.validation = .failed(errors: errors)
            processed.response = Self.validationFailure(errors)
            return processed
        }
        if route.body != nil || !route.query.isEmpty { processed.validation = .passed }
        var context = TemplateContext(record: nil, records: nil, body: body, query: query, pathParameters: match.parameters,
                                      headers: { request.headers[$0] }, method: request.method, now: Self.timestamp(Date()))
        var action = route.action, response = route.response
        if let chosen = route.when.first(where: { holds($0.condition, request: request, context: &context) }) {
            (action, response) = (chosen.action, chosen.response)
        }
        if let failure = perform(action, request: request, context: &context) {
            processed.response = failure
            return processed
        }
        processed.response = render(response, context)
        return processed
    }

    /// Runs the route's action; returns an answer that replaces the route's response (404, a token), or nil.
    private func perform(_ action: RouteAction, request: HTTPRequest, context: inout TemplateContext) -> HTTPResponse? {
        switch action {
        case .none:
            return nil
        case let .create(name, fields):
            var object = context.body?.objectValue ?? JSONObject()
            for (key, template) in fields { object[key] = template.render(context) }
            object["created_at"] = .string(context.now)
            context.record = collections[name]?.create(object)
            return nil
        case let .list(name, filter):
            context.records = collections[name]?.list(where: Self.conditions(filter, context))
            return nil
        case let .get(name, idTemplate):
            let id = idTemplate.render(context).stringValue ?? ""
            guard let record = collections[name]?.get(id) else { return Self.notFound(name, id) }
            context.record = record
            return nil
        case let .update(name, idTemplate, fields):
            let id = idTemplate.render(context).stringValue ?? ""
            var changes = context.body?.objectValue ?? JSONObject()
            for (key, template) in fields { changes[key] = template.render(context) }
            changes["updated_at"] = .string(context.now)
            guard let record = collections[name]?.update(id, with: changes) else { return Self.notFound(name, id) }
            context.record = record
            return nil
        case let .delete(name, idTemplate):
            let id = idTemplate.render(context).stringValue ?? ""
            guard let record = collections[name]?.delete(id) else { return Self.notFound(name, id) }
            context.record = record
            return nil
        case let .find(name, filter):
            let conditions = Self.conditions(filter, context)
            guard let record = collections[name]?.first(where: conditions) else {
                let described = conditions.map { "\($0.path) = \($0.value.stringValue ?? $0.value.jsonText)" }.joined(separator: ", ")
                return Self.error(404, "not_found", "no \(name) record with \(described)")
            }
            context.record = record
            return nil
        case .issueToken:
            return issueToken(request)
        case .revokeToken: return revokeToken(request)
        case .oauthMetadata: return oauthMetadata(request)
        }
    }

    private static func notFound(_ collection: String, _ id: String) -> HTTPResponse {
        error(404, "not_found", "no \(collection) record with id '\(id)'")
    }

    static func conditions(_ filter: [(String, Template)], _ context: TemplateContext) -> [(path: String, value: JSONValue)] {
        filter.compactMap { path, template in
            let value = template.render(context)
            return value == .null ? nil : (path, value)
        }
    }

    private func render(_ spec: ResponseSpec, _ context: TemplateContext) -> HTTPResponse {
        var headers = HTTPHeaders()
        for (name, template) in spec.headers { headers.add(name, template.render(context).stringValue ?? "") }
        guard let template = spec.body else { return HTTPResponse(status: spec.status, headers: headers) }
        switch template.render(context) {
        case let .string(text) where !(headers.contains("Content-Type")):
            return .text(spec.status, text, headers: headers)
        case let value:
            return .json(spec.status, value.encoded(), headers: headers)
        }
    }

    /// 404 for an unknown path, 405 with `Allow` for a known path and another method.
    private func unrouted(_ request: HTTPRequest) -> HTTPResponse {
        let allowed = definition.routes.filter { $0.path.match(request.path) != nil }.map(\.method)
        guard allowed.isEmpty else {
            var response = Self.error(405, "method_not_allowed", "\(request.method) is not allowed on \(request.path); allowed: \(allowed.joined(separator: ", "))")
            response.headers.add("Allow", allowed.joined(separator: ", "))
            return response
        }
        return Self.error(404, "not_found", "\(definition.name) has no route for \(request.method) \(request.path)")
    }

    // MARK: Answers shared by the checks

    /// `{"error": code, "message": message}` with `status`.
    static func error(_ status: Int, _ code: String, _ message: String, headers: HTTPHeaders = [:]) -> HTTPResponse {
        .json(status, JSONValue.object(["error": .string(code), "message": .string(message)]).encoded(), headers: headers)
    }

    static func validationFailure(_ errors: [FieldError]) -> HTTPResponse {
        let summary = errors.map { "\($0.field) \($0.reason)" }.joined(separator: "; ")
        let body: JSONValue = .object([
            "error": "validation_failed",
            "message": .string("\(errors.count) field\(errors.count == 1 ? " is" : "s are") invalid: \(summary)"),
            "fields": .array(errors.map { .object(["field": .string($0.field), "reason": .string($0.reason)]) }),
        ])
        return .json(422, body.encoded())
    }

    struct BodyProblem: Error {
        var status: Int
        var code: String
        var reason: String
    }

    static func jsonObject(_ body: [UInt8]) -> Result<JSONObject, BodyProblem> {
        guard !body.isEmpty else { return .failure(BodyProblem(status: 422, code: "validation_failed", reason: "the body must be a JSON object; it was empty")) }
        do {
            guard case let .object(object) = try JSONValue.parse(body) else {
                return .failure(BodyProblem(status: 422, code: "validation_failed", reason: "the body must be a JSON object"))
            }
            return .success(object)
        } catch {
            return .failure(BodyProblem(status: 400, code: "invalid_json", reason: "the body is not valid JSON: \(error.description)"))
        }
    }

    /// RFC 3339 UTC with milliseconds.
    static func timestamp(_ date: Date) -> String { date.rfc3339Milliseconds }
}
