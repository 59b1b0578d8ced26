// Feather's revisions: configuration changes as numbered drafts, one of them active.
import Foundation
import HTTPWire
import JSONModel

extension ToolServer {
    func createRevision(_ toolID: String, _ request: HTTPRequest) -> HTTPResponse {
        guard let (record, active) = store.tool(toolID) else { return APIError.notFound("tool", toolID) }
        let body: JSONValue
        switch Self.jsonBody(request) {
        case let .success(value): body = value
        case let .failure(early): return early.response
        }
        do {
            let draft = try ToolRevisionDraft.decode(featherBody: body, deviations: configuration.deviations).get(rejectingWarnings: true)
            var base: ToolRevision?
            if let baseID = draft.basedOnRevisionID {
                guard let found = store.revision(baseID), found.toolID == toolID else {
                    return APIError.validation([(loc: ["body", "based_on_revision_id"], msg: "no revision '\(baseID)' of this tool", type: "value_error")])
                }
                base = found
            }
            let revision = try draft.revision(id: Self.uuid(), toolID: toolID, toolType: record.toolType, base: base,
                                              secretSource: base ?? active, at: Date(), deviations: configuration.deviations)
                .get(rejectingWarnings: true)
            store.insertRevision(revision)
            return Self.json(201, revision.responseJSON)
        } catch {
            return Self.json(422, error.detailJSON)
        }
    }

    func listRevisions(_ toolID: String, _ request: HTTPRequest) -> HTTPResponse {
        guard store.tool(toolID) != nil else { return APIError.notFound("tool", toolID) }
        let page: PageRequest
        switch PageRequest.parse(request.queryItems) {
        case let .success(parsed): page = parsed
        case let .failure(error): return APIError.validation([(loc: error.loc, msg: error.msg, type: error.type)])
        }
        let result = CursorPage.page(of: store.revisions(of: toolID), key: { store.key($0.id) }, limit: page.limit, after: page.cursor)
        return Self.json(200, .object([
            "items": .array(result.items.map(\.responseJSON)),
            "next_cursor": result.nextCursor.map { .string($0) } ?? .null,
            "has_more": .bool(result.hasMore),
        ]))
    }

    func getRevision(_ id: String) -> HTTPResponse {
        guard let revision = store.revision(id) else { return APIError.notFound("revision", id) }
        return Self.json(200, revision.responseJSON)
    }

    func updateRevision(_ id: String, _ request: HTTPRequest) -> HTTPResponse {
        guard let revision = store.revision(id), let (record, _) = store.tool(revision.toolID) else { return APIError.notFound("revision", id) }
        let body: JSONValue
        switch Self.jsonBody(request) {
        case let .success(value): body = value
        case let .failure(early): return early.response
        }
        do {
            let update = try ToolRevisionUpdate.decode(featherBody: body, deviations: configuration.deviations).get(rejectingWarnings: true)
            let updated = try update.applied(to: revision, toolType: record.toolType, at: Date(), deviations: configuration.deviations).get(rejectingWarnings: true)
            store.replaceRevision(updated)
            return Self.json(200, updated.responseJSON)
        } catch {
            return Self.json(422, error.detailJSON)
        }
    }

    func deleteRevision(_ id: String) -> HTTPResponse {
        guard let revision = store.revision(id) else { return APIError.notFound("revision", id) }
        if store.tool(revision.toolID)?.record.activeRevisionID == id, !configuration.deviations.deletesActiveRevision {
            return APIError.response(409, "conflict", "revision '\(id)' is active; make another revision active first")
        }
        store.deleteRevision(id)
        return HTTPResponse(status: 204)
    }

    func setActiveRevision(_ toolID: String, _ request: HTTPRequest) -> HTTPResponse {
        guard var (record, _) = store.tool(toolID) else { return APIError.notFound("tool", toolID) }
        let body: JSONValue
        switch Self.jsonBody(request) {
        case let .success(value): body = value
        case let .failure(early): return early.response
        }
        guard let revisionID = body["revision_id"]?.stringValue else {
            return APIError.validation([(loc: ["body", "revision_id"], msg: "Field required", type: "missing")])
        }
        guard let revision = store.revision(revisionID), revision.toolID == toolID else {
            return APIError.validation([(loc: ["body", "revision_id"], msg: "no revision '\(revisionID)' of this tool", type: "value_error")])
        }
        if !configuration.deviations.setActiveKeepsRevision {
            record.activeRevisionID = revisionID
            record.updatedAt = Date()
            store.replace(record)
        }
        // Feather answers with the revision now active (ToolRevisionResponse), not the tool.
        return Self.json(200, revision.responseJSON)
    }
}
