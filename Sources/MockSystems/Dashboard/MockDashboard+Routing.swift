// Which request goes where on the dashboard's port: the page's files, or the API behind the admin token.
import Foundation
import HTTPWire
import JSONModel

extension MockDashboard {
    /// The header every API call that changes something (POST, DELETE) must carry. A plain cross-site form or
    /// `fetch` cannot add it without a CORS preflight, which the dashboard never grants, so another web page the
    /// browser has open cannot reset the mocks or add faults.
    static let changeHeader = "X-Requested-By"
    /// The value `changeHeader` must have.
    static let changeHeaderValue = "understudy-dashboard"

    func handle(_ request: HTTPRequest, _ writer: HTTPResponseWriter) {
        let path = String(request.path)
        guard path.hasPrefix("/api/") else {
            writer.respond(staticFile(request, path: path))
            return
        }
        if let token = configuration.adminToken {
            guard MockSystem.presentsAdminToken(request, token) else {
                writer.respond(Self.problem(401, "unauthorized",
                                            "the dashboard's API needs the admin token: 'X-Admin-Token: T' or 'Authorization: Bearer T'"))
                return
            }
        }
        if request.method != "GET" && request.headers[Self.changeHeader] != Self.changeHeaderValue {
            writer.respond(Self.problem(403, "forbidden", "\(request.method) calls need the header '\(Self.changeHeader): \(Self.changeHeaderValue)'"))
            return
        }
        feed.markWatched()
        let parts = path.split(separator: "/").dropFirst().map(String.init)  // after "api"
        do throws(DashboardQueryError) {
            switch (request.method, parts.count, parts.first) {
            case ("GET", 1, "systems"): writer.respond(try describeSystems(request))
            case ("GET", 1, "requests"): writer.respond(try recentRequests(request))
            case ("GET", 1, "events"): try events(request, writer)
            case (_, 3..., "systems"): writer.respond(try systemCall(request, parts))
            default: writer.respond(Self.problem(404, "not_found", "no dashboard API call \(request.method) \(path)"))
            }
        } catch {
            writer.respond(Self.problem(400, "bad_request", error.message))
        }
    }

    /// `/api/systems/NAME/...`: a request's detail, a collection, the fault rules, a reset.
    private func systemCall(_ request: HTTPRequest, _ parts: [String]) throws(DashboardQueryError) -> HTTPResponse {
        let name = parts[1]
        guard let system = system(name) else {
            return Self.problem(404, "not_found", "no system named '\(name)'; have: \(systems.map(\.definition.name).joined(separator: ", "))")
        }
        switch (request.method, parts[2], parts.count) {
        case ("GET", "requests", 4): return try requestDetail(system, id: parts[3], request)
        case ("GET", "collections", 4): return try collection(system, name: parts[3].removingPercentEncoding ?? parts[3], request)
        case ("GET", "faults", 3): return try listFaults(system, request)
        case ("POST", "faults", 3): return addFault(system, request)
        case ("DELETE", "faults", 3):
            system.removeAllFaults()
            return HTTPResponse(status: 204)
        case ("POST", "reset", 3):
            system.reset()
            return HTTPResponse(status: 204)
        case (_, "requests", 4), (_, "collections", 4), (_, "faults", 3), (_, "reset", 3):
            let allowed = parts[2] == "faults" ? "GET, POST, DELETE" : parts[2] == "reset" ? "POST" : "GET"
            return Self.problem(405, "method_not_allowed", "\(request.method) is not allowed here; use \(allowed)",
                                headers: ["Allow": allowed])
        default:
            return Self.problem(404, "not_found", "no dashboard API call \(request.method) \(request.path)")
        }
    }

    /// The page, its style sheet and its two scripts, from the binary; nothing else outside `/api/`.
    private func staticFile(_ request: HTTPRequest, path: String) -> HTTPResponse {
        let files = ["/": ("dashboard.html", "text/html; charset=utf-8"), "/dashboard.css": ("dashboard.css", "text/css; charset=utf-8"),
                     "/dashboard.js": ("dashboard.js", "text/javascript; charset=utf-8"),
                     "/dashboard-panels.js": ("dashboard-panels.js", "text/javascript; charset=utf-8")]
        guard let (name, type) = files[path] else { return .text(404, "not found: the dashboard is at /\n") }
        guard request.method == "GET" || request.method == "HEAD" else {
            return HTTPResponse(status: 405, headers: ["Allow": "GET, HEAD", "Content-Type": "text/plain; charset=utf-8"],
                                body: Array("the dashboard's files are read with GET\n".utf8))
        }
        guard let text = try? EmbeddedResources.text(named: name) else { return .text(500, "\(name) is not embedded in this build\n") }
        return HTTPResponse(status: 200, headers: [
            "Content-Type": type, "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer",
            "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
        ], body: Array(text.utf8))
    }

    /// A JSON answer that no cache keeps.
    static func answer(_ status: Int, _ object: JSONObject) -> HTTPResponse {
        .json(status, JSONValue.object(object).encoded(), headers: ["Cache-Control": "no-store"])
    }

    /// `{"error": code, "message": what was wrong}`, as the mocks' own errors read.
    static func problem(_ status: Int, _ code: String, _ message: String, headers: HTTPHeaders = [:]) -> HTTPResponse {
        var all = headers
        all.add("Cache-Control", "no-store")
        return MockSystem.error(status, code, message, headers: all)
    }
}
