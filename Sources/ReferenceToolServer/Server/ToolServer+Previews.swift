// Feather's dry runs: testing a revision, previewing a dynamic transfer destination, and a promotion's impact.
import Foundation
import HTTPWire
import JSONModel

extension ToolServer {
    /// The revision of `toolID` named `revisionID`, or the 404 to answer.
    private func revision(_ revisionID: String, of toolID: String) -> Result<ToolRevision, EarlyResponse> {
        guard store.tool(toolID) != nil else { return .failure(EarlyResponse(APIError.notFound("tool", toolID))) }
        guard let revision = store.revision(revisionID),
              revision.toolID == toolID || configuration.deviations.dryRunsIgnoreRevisionOwner else {
            return .failure(EarlyResponse(APIError.notFound("revision", revisionID)))
        }
        return .success(revision)
    }

    /// `POST /v1/tools/{id}/revisions/{rev}/test`: runs the revision, returns the raw body and the narrowed preview;
    /// saves nothing.
    func testRevision(_ toolID: String, _ revisionID: String, _ request: HTTPRequest, _ respond: @escaping Respond) {
        let revision: ToolRevision
        let body: JSONValue
        switch (self.revision(revisionID, of: toolID), Self.jsonBody(request, allowEmpty: true)) {
        case let (.failure(early), _), let (_, .failure(early)): return respond(early.response)
        case let (.success(found), .success(value)): (revision, body) = (found, value)
        }
        let testRequest: ToolRevisionTestRequest
        switch ToolRevisionTestRequest.decode(body) {
        case let .valid(decoded, _): testRequest = decoded
        case let .invalid(problems): return respond(Self.json(422, ValidationFailure(problems: problems).detailJSON))
        }
        guard let configuration = revision.configuration else {
            return respond(APIError.response(400, "not_executable", "revision '\(revisionID)' has no api_call configuration"))
        }
        let input = testRequest.run.input, metadata = testRequest.run.metadata
        let override = testRequest.responseFieldMap?.fieldMappings.map { ExecutionPlan.FieldMapping(path: $0.path, alias: $0.alias) }
        var plan = ExecutionPlan(configuration: configuration, responseSchema: nil, inputDefaults: revision.inputDefaults)
        plan.responseMappings = []
        let mappings = override ?? (revision.responseSchema?.fieldMappings ?? []).map { ExecutionPlan.FieldMapping(path: $0.path, alias: $0.alias) }
        let executor = executor
        if self.configuration.deviations.revisionTestActivates, var (record, _) = store.tool(toolID) {
            record.activeRevisionID = revisionID
            store.replace(record)
        }
        Task {
            do throws(InputRejection) {
                let result = try await executor.execute(plan, input: input, metadata: metadata)
                guard case var .object(answer) = result.json else { return respond(Self.json(200, result.json)) }
                answer["narrowed"] = mappings.isEmpty ? .null : .object(JSONObject(mappings.map { mapping in
                    (key: mapping.alias.flatMap { $0.isEmpty ? nil : $0 } ?? mapping.path,
                     value: ResponseMapper.value(at: mapping.path, in: result.body) ?? .null)
                }))
                respond(Self.json(200, .object(answer)))
            } catch {
                respond(Self.json(422, error.json))
            }
        }
    }

    /// `GET /v1/tools/{id}/revisions/{rev}/impact`: the reference server hosts no assistants, so nothing is affected.
    func revisionImpact(_ toolID: String, _ revisionID: String) -> HTTPResponse {
        switch revision(revisionID, of: toolID) {
        case let .failure(early): return early.response
        case .success:
            let old = store.tool(toolID)?.record.activeRevisionID
            return Self.json(200, .object([
                "tool_id": .string(toolID), "old_revision_id": old.map { .string($0) } ?? .null, "new_revision_id": .string(revisionID),
                "findings": [], "has_blocking": false, "active_blocking_count": 0, "active_blocking_finding_count": 0,
                "active_finding_count": 0, "affected_assistant_count": 0,
            ]))
        }
    }

    /// `POST /v1/tools/{id}/revisions/{rev}/preview-transfer-destination`: renders `input_mapping` with `context_vars`,
    /// runs the revision (an api_call lookup), and checks what `response_path` finds as a dialable destination.
    func previewTransferDestination(_ toolID: String, _ revisionID: String, _ request: HTTPRequest, _ respond: @escaping Respond) {
        let revision: ToolRevision
        let body: JSONValue
        switch (self.revision(revisionID, of: toolID), Self.jsonBody(request)) {
        case let (.failure(early), _), let (_, .failure(early)): return respond(early.response)
        case let (.success(found), .success(value)): (revision, body) = (found, value)
        }
        let preview: TransferDestinationPreviewRequest
        switch TransferDestinationPreviewRequest.decode(body) {
        case let .valid(decoded, _): preview = decoded
        case let .invalid(problems): return respond(Self.json(422, ValidationFailure(problems: problems).detailJSON))
        }
        let path = preview.responsePath, context = preview.contextVars
        guard let configuration = revision.configuration else {
            return respond(Self.json(200, Self.preview(resolved: false, subcode: "not_api_call",
                                                       problems: [("shape", "the revision has no api_call configuration")])))
        }
        var input = JSONObject()
        for (name, value) in preview.inputMapping {
            input[name] = value.stringValue.map { text in
                .string(PlaceholderRenderer(input: context, metadata: [:]).render(text))
            } ?? value
        }
        let plan = ExecutionPlan(configuration: configuration, responseSchema: nil, inputDefaults: revision.inputDefaults)
        let executor = executor
        Task {
            do throws(InputRejection) {
                let result = try await executor.execute(plan, input: input, metadata: [:])
                guard result.success else { return respond(Self.json(200, Self.preview(resolved: false, subcode: result.error?.rawValue ?? "http_status"))) }
                guard let found = ResponseMapper.value(at: path, in: result.body)?.stringValue else {
                    return respond(Self.json(200, Self.preview(resolved: false, subcode: "path_not_found")))
                }
                do {
                    _ = try TransferDestination.parse(found)
                    respond(Self.json(200, Self.preview(resolved: true, destination: found)))
                } catch {
                    respond(Self.json(200, Self.preview(resolved: false, subcode: "invalid_destination")))
                }
            } catch {
                let missing = error.problems.compactMap { $0.loc.last }
                respond(Self.json(200, Self.preview(resolved: false, subcode: "missing_inputs", missing: missing)))
            }
        }
    }

    private static func preview(resolved: Bool, destination: String? = nil, subcode: String? = nil, missing: [String] = [],
                                problems: [(kind: String, message: String)] = []) -> JSONValue {
        .object([
            "resolved": .bool(resolved), "destination": destination.map { .string($0) } ?? .null,
            "subcode": subcode.map { .string($0) } ?? .null, "missing_inputs": .array(missing.map { .string($0) }),
            "problems": .array(problems.map { .object(["kind": .string($0.kind), "message": .string($0.message)]) }),
        ])
    }
}
