// Creating, reading, listing, updating, deleting, enabling and disabling tools.
import Foundation
import HTTPWire
import JSONModel

extension ToolServer {
    typealias Respond = @Sendable (HTTPResponse) -> Void

    func dispatch(_ route: ToolAPIRoute, _ request: HTTPRequest, _ respond: @escaping Respond) {
        switch route {
        case .createTool: respond(createTool(request))
        case .listTools: respond(listTools(request))
        case let .getTool(id): respond(getTool(id))
        case let .updateTool(id): respond(updateTool(id, request))
        case let .deleteTool(id): respond(store.delete(id) ? HTTPResponse(status: 204) : APIError.notFound("tool", id))
        case let .enableTool(id): respond(setStatus(id, .active))
        case let .disableTool(id): respond(setStatus(id, .disabled))
        case let .executeTool(id): execute(id, request, respond)
        case let .createRevision(tool): respond(createRevision(tool, request))
        case let .listRevisions(tool): respond(listRevisions(tool, request))
        case let .getRevision(id): respond(getRevision(id))
        case let .updateRevision(id): respond(updateRevision(id, request))
        case let .deleteRevision(id): respond(deleteRevision(id))
        case let .setActiveRevision(tool): respond(setActiveRevision(tool, request))
        case let .testRevision(tool, revision): testRevision(tool, revision, request, respond)
        case let .previewTransferDestination(tool, revision): previewTransferDestination(tool, revision, request, respond)
        case let .revisionImpact(tool, revision): respond(revisionImpact(tool, revision))
        }
    }

    /// The tool as this dialect shows it.
    func toolJSON(_ record: ToolRecord, _ active: ToolRevision?) -> JSONValue {
        switch configuration.dialect {
        case .feather: return record.responseJSON(activeRevision: active)
        case .oneinbox: return ToolDefinition(record: record, revision: active).oneInboxJSON(id: record.id, createdAt: record.createdAt, updatedAt: record.updatedAt)
        }
    }

    private func createTool(_ request: HTTPRequest) -> HTTPResponse {
        let body: JSONValue
        switch Self.jsonBody(request) {
        case let .success(value): body = value
        case let .failure(early): return early.response
        }
        let deviations = configuration.deviations
        let outcome = configuration.dialect == .feather ? ToolDefinition.decode(featherBody: body, deviations: deviations)
            : ToolDefinition.decode(oneInboxBody: body, deviations: deviations)
        do {
            let definition = try outcome.get(rejectingWarnings: true)
            let (record, revision) = definition.stored(toolID: Self.uuid(), revisionID: Self.uuid(), at: Date())
            store.insert(record, revision)
            return Self.json(201, toolJSON(record, revision))
        } catch {
            return Self.json(422, error.detailJSON)
        }
    }

    private func getTool(_ id: String) -> HTTPResponse {
        guard let (record, active) = store.tool(id) else {
            if let status = configuration.deviations.unknownToolStatus { return Self.json(status, .object([:])) }
            return APIError.notFound("tool", id)
        }
        return Self.json(200, toolJSON(record, configuration.deviations.showsSecretsOnGet ? active?.showingSecrets() : active))
    }

    private func listTools(_ request: HTTPRequest) -> HTTPResponse {
        let page: PageRequest
        let query = configuration.deviations.clampsListLimit ? Self.clampingLimit(request.queryItems) : request.queryItems
        switch PageRequest.parse(query) {
        case let .success(parsed): page = parsed
        case let .failure(error): return APIError.validation([(loc: error.loc, msg: error.msg, type: error.type)])
        }
        var tools = store.tools()
        if let type = request.queryValue("tool_type") {
            guard let toolType = ToolType(rawValue: type) else {
                return APIError.validation([(loc: ["query", "tool_type"], msg: "tool_type must be api_call or call_transfer", type: "enum")])
            }
            tools = tools.filter { $0.record.toolType == toolType }
        }
        var result = CursorPage.page(of: tools, key: { store.key($0.record.id) }, limit: page.limit, after: page.cursor)
        if configuration.deviations.cursorRepeatsLastItem, result.hasMore, result.items.count > 1 {
            result.nextCursor = CursorPage<Any>.encode(store.key(result.items[result.items.count - 2].record.id))
        }
        return Self.json(200, .object([
            "items": .array(result.items.map { toolJSON($0.record, $0.active) }),
            "next_cursor": result.nextCursor.map { .string($0) } ?? .null,
            "has_more": .bool(result.hasMore),
        ]))
    }

    private func updateTool(_ id: String, _ request: HTTPRequest) -> HTTPResponse {
        guard let (record, active) = store.tool(id) else { return APIError.notFound("tool", id) }
        let body: JSONValue
        switch Self.jsonBody(request) {
        case let .success(value): body = value
        case let .failure(early): return early.response
        }
        do {
            switch configuration.dialect {
            case .feather:
                let update = try ToolUpdate.decode(featherBody: body, deviations: configuration.deviations).get(rejectingWarnings: true)
                let updated = deviating(update.applied(to: record, at: Date()), from: record, body: body)
                if let mismatch = Self.typeMismatch(updated.toolType, active) { return mismatch }
                store.replace(updated)
                return Self.json(200, toolJSON(updated, active))
            case .oneinbox:
                let update = try OneInboxUpdate.decode(oneInboxBody: body, deviations: configuration.deviations).get(rejectingWarnings: true)
                let definition = try update.applied(to: ToolDefinition(record: record, revision: active), deviations: configuration.deviations).get(rejectingWarnings: true)
                var (newRecord, newRevision) = definition.stored(toolID: record.id, revisionID: active?.id ?? Self.uuid(), at: Date())
                newRecord = deviating(newRecord, from: record, body: body)
                newRecord.createdAt = record.createdAt
                newRevision.createdAt = active?.createdAt ?? newRevision.createdAt
                store.replace(newRecord)
                store.replaceRevision(newRevision)
                return Self.json(200, toolJSON(newRecord, newRevision))
            }
        } catch {
            return Self.json(422, error.detailJSON)
        }
    }

    /// A 422 when the active revision lacks what `type` needs (a configuration, or a transfer target).
    private static func typeMismatch(_ type: ToolType, _ active: ToolRevision?) -> HTTPResponse? {
        switch type {
        case .apiCall where active?.configuration == nil:
            return APIError.validation([(loc: ["body", "tool_type"], msg: "the active revision has no configuration; create an api_call revision first", type: "value_error")])
        case .callTransfer where active?.transferTarget == nil:
            return APIError.validation([(loc: ["body", "tool_type"], msg: "the active revision has no transfer_target; create a call_transfer revision first", type: "value_error")])
        default:
            return nil
        }
    }

    private func setStatus(_ id: String, _ status: ToolStatus) -> HTTPResponse {
        guard var (record, _) = store.tool(id) else { return APIError.notFound("tool", id) }
        if status != .disabled, configuration.deviations.enableIsIgnored { return HTTPResponse(status: 204) }
        record.status = status
        record.updatedAt = Date()
        store.replace(record)
        return HTTPResponse(status: 204)
    }
}
