// The dashboard's calls on one system: a request's detail, a collection's newest records, the fault rules, a reset.
import HTTPWire
import JSONModel

extension MockDashboard {
    /// `GET /api/systems/S/requests/ID`: the entry as the journal file has it (secrets masked), plus `duration_ms`.
    func requestDetail(_ system: MockSystem, id text: String, _ request: HTTPRequest) throws(DashboardQueryError) -> HTTPResponse {
        _ = try DashboardQuery(request.queryItems, allowed: [])
        guard let id = Int(text), id >= 1 else { throw DashboardQueryError(message: "a request id is a positive integer, got '\(text.prefix(40))'") }
        guard let entry = system.journal.entry(id: id) else {
            return Self.problem(404, "not_found", "\(system.definition.name) holds no request \(id) (the journal keeps the newest \(system.journal.capacity))")
        }
        return Self.answer(200, ["request": entry.dashboardDetail])
    }

    /// `GET /api/systems/S/collections/C?limit=N`: the newest N records (oldest of them first), with `held` and
    /// `evicted`; secret values in them are masked as in the journal.
    func collection(_ system: MockSystem, name: String, _ request: HTTPRequest) throws(DashboardQueryError) -> HTTPResponse {
        let query = try DashboardQuery(request.queryItems, allowed: ["limit"])
        let limit = try query.integer("limit", in: 1...configuration.maxRecords, default: configuration.maxRecords)
        guard let store = system.collections[name] else {
            return Self.problem(404, "not_found", "\(system.definition.name) has no collection '\(name)'; have: \(system.collections.keys.sorted().joined(separator: ", "))")
        }
        let counts = store.counts
        let records = store.newest(limit).map { $0.maskingSecrets(system.secretValues) }
        return Self.answer(200, ["records": .array(records), "held": .int(counts.held), "evicted": .int(counts.evicted)])
    }

    /// `GET /api/systems/S/faults`: the rules as stored, with how often each matched and fired.
    func listFaults(_ system: MockSystem, _ request: HTTPRequest) throws(DashboardQueryError) -> HTTPResponse {
        _ = try DashboardQuery(request.queryItems, allowed: [])
        let rules = system.faults.withLock { $0.json.objectValue?["rules"] } ?? .array([])
        return Self.answer(200, ["faults": rules])
    }

    /// `POST /api/systems/S/faults` with a fault rule (Mocks/README.md): as the admin API answers it, never cached.
    func addFault(_ system: MockSystem, _ request: HTTPRequest) -> HTTPResponse {
        var response = system.addFault(from: request)
        response.headers.add("Cache-Control", "no-store")
        return response
    }
}
