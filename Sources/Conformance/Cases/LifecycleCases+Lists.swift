// List cases: `limit` is 1-200 (default 50) and following `next_cursor` shows every tool exactly once.
// Other cases create and delete tools meanwhile, so each case judges only tools it created itself.
import JSONModel
import Synchronization

extension LifecycleCases {
    static let lists: [ConformanceCase] = [limitOutsideRange, limitBoundsAccepted, limitDefault, paginationOnce, paginationWithDeletion]

    // MARK: limit

    static let limitOutsideRange = ConformanceCase(
        "list.limit.outside-range", "limit 0, -1, 201 and ten are refused with 422 at [\"query\", \"limit\"]", rule: "list.limit"
    ) { context in
        for limit in ["0", "-1", "201", "ten"] {
            let answer = try await context.send("GET", "/v1/tools?limit=\(limit)")
            try context.expectValidation(answer, at: ["query", "limit"], "limit=\(limit)")
        }
    }

    static let limitBoundsAccepted = ConformanceCase(
        "list.limit.bounds-accepted", "limit=1 answers one tool with has_more true; limit=200 is accepted", rule: "list.limit"
    ) { context in
        let ids = try await createTools(context, count: 2, prefix: context.uniqueName("limit_bounds"))
        let one = try await context.send("GET", "/v1/tools?limit=1")
        let most = try await context.send("GET", "/v1/tools?limit=200")
        await context.removeTools(ids)
        try context.expect(one.status == 200 && one["items"].arrayValue?.count == 1 && one["has_more"] == true,
                           "limit=1 answers 200 with one tool and has_more true (at least two exist)", observed: one.summary)
        let count = most["items"].arrayValue?.count ?? -1
        try context.expect(most.status == 200 && (2...200).contains(count), "limit=200 answers 200 with 2-200 tools", observed: most.summary)
    }

    /// 51 tools of its own make sure a default page cannot hold every tool.
    static let limitDefault = ConformanceCase(
        "list.limit.default-50", "Without limit, a list of more than 50 tools answers 50 with has_more true", rule: "list.limit",
        roundTrips: 15
    ) { context in
        let ids = try await createTools(context, count: 51, prefix: context.uniqueName("limit_default"), inOrder: false)
        let page = try await context.send("GET", "/v1/tools")
        await context.removeTools(ids)
        try context.expect(page.status == 200 && page["items"].arrayValue?.count == 50 && page["has_more"] == true,
                           "GET /v1/tools answers 50 tools with has_more true",
                           observed: "\(page.status), \(page["items"].arrayValue?.count ?? 0) tools, has_more \(page["has_more"].jsonText)")
    }

    // MARK: Pagination

    static let paginationOnce = ConformanceCase(
        "list.pagination.every-tool-once", "Following next_cursor with limit=3 shows each of 7 new tools exactly once and no tool twice",
        rule: "list.pagination", roundTrips: 18
    ) { context in
        let ids = try await createTools(context, count: 7, prefix: context.uniqueName("pages"))
        let counts = try await walk(context, limit: 3) { _ in }
        await context.removeTools(ids)
        try expectEachOnce(context, counts, mine: ids)
    }

    /// A tool deleted mid-walk must not push an unseen one out: offset-based pages skip the next tool.
    static let paginationWithDeletion = ConformanceCase(
        "list.pagination.survives-deletion", "A tool deleted between pages shifts no other tool out of the walk (limit=2, 6 new tools)",
        rule: "list.pagination", roundTrips: 18
    ) { context in
        let ids = try await createTools(context, count: 6, prefix: context.uniqueName("pages_delete"))
        var deleted: String?
        let counts = try await walk(context, limit: 2) { items in
            // Delete one of this case's tools already shown, but not the page's last (a cursor may name that one).
            guard deleted == nil, let victim = items.dropLast().compactMap({ $0["id"]?.stringValue }).first(where: ids.contains) else { return }
            deleted = victim
            await context.removeTools([victim])
        }
        await context.removeTools(ids.filter { $0 != deleted })
        try expectEachOnce(context, counts, mine: ids.filter { $0 != deleted })
    }

    /// Follows `next_cursor` while `has_more`, calling `onPage` with each page's items; counts how often each id
    /// was shown. Stops early when a page shows only ids already seen (the repeat is then judged).
    static func walk(_ context: CaseContext, limit: Int,
                     onPage: ([JSONValue]) async throws -> Void) async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        var path = "/v1/tools?limit=\(limit)"
        for _ in 0..<2000 {
            let answer = try await context.send("GET", path)
            guard answer.status == 200, let items = answer["items"].arrayValue else {
                throw CaseFailure(expectation: "each page answers 200 with items", observed: "GET \(path) answered \(answer.summary)")
            }
            try context.expect(items.count <= limit, "a page holds at most limit=\(limit) tools", observed: "it held \(items.count)")
            let ids = items.compactMap { $0["id"]?.stringValue }
            let fresh = ids.contains { counts[$0] == nil }
            for id in ids { counts[id, default: 0] += 1 }
            try await onPage(items)
            guard answer["has_more"] == true else { break }
            guard let cursor = answer["next_cursor"].stringValue, !cursor.isEmpty else {
                throw CaseFailure(expectation: "a page with has_more true names a next_cursor", observed: answer.summary)
            }
            if !fresh, !ids.isEmpty { break }
            path = "/v1/tools?limit=\(limit)&cursor=\(cursor.cursorQueryValue)"
        }
        return counts
    }

    static func expectEachOnce(_ context: CaseContext, _ counts: [String: Int], mine: [String]) throws {
        let repeated = counts.filter { $0.value > 1 }.map(\.key)
        try context.expect(repeated.isEmpty, "no tool is shown twice while following next_cursor",
                           observed: "\(repeated.count) tool(s) shown more than once, e.g. \(repeated.first ?? "")")
        let missing = mine.filter { counts[$0] == nil }
        try context.expect(missing.isEmpty, "each of the case's \(mine.count) tools is shown", observed: "\(missing.count) never shown: \(missing)")
    }

    /// Creates `count` tools named `prefix_<n>`; returns their ids in creation order. Unless `inOrder` (cases that
    /// follow the list's order need it), they are created `CaseContext.requestsAtOnce` at a time.
    static func createTools(_ context: CaseContext, count: Int, prefix: String, inOrder: Bool = true) async throws -> [String] {
        if !inOrder {
            let names = (1...count).map { "\(prefix)_\($0)" }
            let ids = Mutex<[String: String]>([:])
            let failed = await CaseContext.failing(names) { name in
                guard let tool = try? await context.createTool(json: ValidationCases.apiCall(context.dialect, name)) else { return false }
                ids.withLock { $0[name] = tool.id }
                return true
            }
            let created = ids.withLock { $0 }
            guard failed.isEmpty else {
                await context.removeTools(Array(created.values))
                throw CaseSetupError("setup: creating \(failed.count) of \(count) tools failed (first: \(failed[0]))")
            }
            return names.compactMap { created[$0] }
        }
        var ids: [String] = []
        for index in 1...count {
            do {
                ids.append(try await context.createTool(json: ValidationCases.apiCall(context.dialect, "\(prefix)_\(index)")).id)
            } catch {
                await context.removeTools(ids)
                throw error
            }
        }
        return ids
    }
}
