// Cursor pagination for list endpoints: `limit` 1-200 (default 50), an opaque cursor, every item exactly once. Pure.
import Foundation
import JSONModel

/// One page of a list ordered by a stable key (creation order, then id).
struct CursorPage<Item> {
    var items: [Item]
    var nextCursor: String?
    var hasMore: Bool { nextCursor != nil }

    /// Items after the cursor's position, at most `limit`. The cursor names the last key returned, so items created
    /// or deleted between pages neither repeat nor shift others out.
    static func page(of items: [Item], key: (Item) -> String, limit: Int, after cursor: String?) -> CursorPage {
        var remaining = items[...]
        if let cursor, let last = decode(cursor) {
            remaining = items.drop { key($0) <= last }
        }
        let slice = Array(remaining.prefix(limit))
        let more = remaining.count > limit
        return CursorPage(items: slice, nextCursor: more ? slice.last.map { encode(key($0)) } : nil)
    }

    static func encode(_ key: String) -> String { Data(key.utf8).base64EncodedString() }

    static func decode(_ cursor: String) -> String? {
        Data(base64Encoded: cursor).map { String(decoding: $0, as: UTF8.self) }
    }
}

/// Reads `limit` and `cursor` from a query; problems are 422 detail items at `["query", name]`.
struct PageRequest: Equatable {
    static let defaultLimit = 50
    static let limitRange = 1...200

    var limit = defaultLimit
    var cursor: String?

    static func parse(_ query: [(name: String, value: String)]) -> Result<PageRequest, PageRequestError> {
        var request = PageRequest()
        for (name, value) in query {
            switch name {
            case "limit":
                guard let limit = Int(value), limitRange.contains(limit) else {
                    return .failure(PageRequestError(loc: ["query", "limit"], msg: "limit must be an integer 1-200, got '\(value)'",
                                                     type: Int(value) == nil ? "int_parsing" : (Int(value)! < 1 ? "greater_than_equal" : "less_than_equal")))
                }
                request.limit = limit
            case "cursor":
                guard CursorPage<Int>.decode(value) != nil else {
                    return .failure(PageRequestError(loc: ["query", "cursor"], msg: "cursor is not one this server issued", type: "value_error"))
                }
                request.cursor = value
            default:
                continue
            }
        }
        return .success(request)
    }
}

struct PageRequestError: Error, Equatable {
    var loc: [JSONValue]
    var msg: String
    var type: String
}
