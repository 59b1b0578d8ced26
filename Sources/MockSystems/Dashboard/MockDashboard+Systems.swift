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

    /// `POST /api/systems/S/faults` with a fault rule (Mocks/README.md): 201 with the rule as stored, 422 naming
    /// what is wrong.
    func addFault(_ system: MockSystem, _ request: HTTPRequest) -> HTTPResponse {
        guard let json = try? JSONValue.parse(request.body) else {
            return Self.problem(400, "invalid_json", "the body must be a fault rule as JSON (see Mocks/README.md, Faults)")
        }
        do {
            let rule = try FaultRule(json: json)
            system.addFault(rule)
            return .json(201, rule.json.encoded(), headers: ["Cache-Control": "no-store"])
        } catch {
            return Self.problem(422, "bad_fault", "\(error)")
        }
    }
}
