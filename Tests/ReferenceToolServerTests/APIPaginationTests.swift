// Cursor pages: every item exactly once, limits checked, foreign cursors refused.
import Testing
@testable import ReferenceToolServer

@Suite struct APIPaginationTests {
    @Test(arguments: [1, 2, 3, 7, 200])
    func pages_ReturnEveryItemExactlyOnce(limit: Int) {
        let items = (0..<17).map { String(format: "id%03d", $0) }
        var seen: [String] = []
        var cursor: String?
        repeat {
            let page = CursorPage.page(of: items, key: { $0 }, limit: limit, after: cursor)
            #expect(page.items.count <= limit)
            seen += page.items
            cursor = page.nextCursor
        } while cursor != nil
        #expect(seen == items)
    }

    @Test func pages_SurviveDeletionsBetweenPages() {
        var items = ["a", "b", "c", "d", "e"]
        let first = CursorPage.page(of: items, key: { $0 }, limit: 2, after: nil)
        items.removeAll { $0 == "b" || $0 == "c" }
        let second = CursorPage.page(of: items, key: { $0 }, limit: 2, after: first.nextCursor)
        #expect(first.items == ["a", "b"])
        #expect(second.items == ["d", "e"])
        #expect(!second.hasMore)
    }

    @Test func pageRequest_ChecksLimitAndCursor() throws {
        #expect(try PageRequest.parse([]).get() == PageRequest(limit: 50, cursor: nil))
        #expect(try PageRequest.parse([("limit", "200")]).get().limit == 200)
        for bad in ["0", "201", "-1", "ten"] {
            guard case let .failure(error) = PageRequest.parse([("limit", bad)]) else { Issue.record("limit \(bad) accepted"); continue }
            #expect(error.loc == ["query", "limit"])
        }
        guard case let .failure(error) = PageRequest.parse([("cursor", "%%%")]) else { Issue.record("bad cursor accepted"); return }
        #expect(error.loc == ["query", "cursor"])
    }
}
