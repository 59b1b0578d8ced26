// Defects made by rewriting what the reference server sends: its answers (a status, a field, a shape, a 422 it should
// have given) or its downstream requests (a header emptied, a value's type lost). One per clause that shows there
// alone; judged on the cases of its rule.
import Conformance
import Foundation
import HTTPWire
import JSONModel
import ReferenceToolServer
import Synchronization
import Testing

/// One clause broken on the way out: the reference server decides as the contract says, then its answer or its
/// downstream request is rewritten, as a server with that one bug would send it.
enum RewriteDefect: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case createAnswers200
    case getRenamesTool
    case deleteAnswers200
    case listsDeletedTools
    case errorResponseWithoutMessage
    case validationLocWithoutBody
    case unknownRevisionAnswers400
    case listDefaultLimit20
    case refusesLimit200
    case acceptsEmptyName
    case acceptsLongName
    case acceptsUnknownToolType
    case acceptsMissingConfiguration
    case acceptsConfigurationWithoutURL
    case acceptsRelativeURL
    case acceptsTimeoutOutOfRange
    case acceptsTooManyRetries
    case acceptsTinyBaseDelay
    case acceptsHugeMaxDelay
    case acceptsUnknownVariableType
    case acceptsDuplicateVariables
    case acceptsTransferWithoutTarget
    case acceptsUnknownTransferMode
    case namesOneMissingVariable
    case namesOneWrongType
    case flipsSuccess
    case vagueErrorKind
    case lowercaseRequestMethod
    case zeroExecutionTime
    case dropsUnmappedBody
    case aliasIsLastSegment
    case dropsMissingMappings
    case acceptsUnknownMethod
    case refusesExactStrings
    case urlNotEncoded
    case queryValuesEmptied
    case customHeadersEmptied
    case bodyValuesStringified
    case secureHeaderMasked
    case tokenNotSent
    case acceptsBothTransferTargets
    case revisionCreateAnswers200
    case revisionListOmitsNewest
    case revisionUpdateAnswers201
    case revisionDeleteAnswers200
    case activeRevisionDeleteAnswers204
    case setActiveAnswers204
    case setActiveAcceptsForeignRevision
    case testDropsNarrowed
    case testOfForeignRevisionAnswers200
    case impactBlocks
    case impactOfForeignRevisionAnswers200
    case previewUnresolvesFoundDestination
    case previewInventsDestination
    case previewOfForeignRevisionAnswers200

    var testDescription: String { rawValue }

    /// The contract clause (`rule#clause`) the rewritten answers break.
    var clause: String {
        switch self {
        case .createAnswers200: return "lifecycle.create#201"
        case .getRenamesTool: return "lifecycle.create#readable"
        case .deleteAnswers200: return "lifecycle.delete#204"
        case .listsDeletedTools: return "lifecycle.delete#unlisted"
        case .errorResponseWithoutMessage: return "errors.shape#error-response"
        case .validationLocWithoutBody: return "errors.shape#validation-detail"
        case .unknownRevisionAnswers400: return "errors.unknown-id#revision"
        case .listDefaultLimit20: return "list.limit#default-50"
        case .refusesLimit200: return "list.limit#range-accepted"
        case .acceptsEmptyName: return "validate.name#missing-or-empty"
        case .acceptsLongName: return "validate.name#too-long"
        case .acceptsUnknownToolType: return "validate.tool-type#unknown"
        case .acceptsMissingConfiguration: return "validate.configuration#missing"
        case .acceptsConfigurationWithoutURL: return "validate.configuration#no-url"
        case .acceptsRelativeURL: return "validate.url#not-absolute"
        case .acceptsTimeoutOutOfRange: return "validate.timeout#range"
        case .acceptsTooManyRetries: return "validate.retry#max-retries"
        case .acceptsTinyBaseDelay: return "validate.retry#base-delay"
        case .acceptsHugeMaxDelay: return "validate.retry#max-delay"
        case .acceptsUnknownVariableType: return "validate.variable-type#unknown"
        case .acceptsDuplicateVariables: return "validate.variable-duplicate#twice"
        case .acceptsTransferWithoutTarget: return "validate.transfer-missing#no-target"
        case .acceptsUnknownTransferMode: return "transfer.mode#cold-or-warm"
        case .namesOneMissingVariable: return "execute.required#named"
        case .namesOneWrongType: return "execute.types#named"
        case .flipsSuccess: return "execute.answer#status-and-success"
        case .vagueErrorKind: return "execute.answer#error-kind"
        case .lowercaseRequestMethod: return "execute.answer#request"
        case .zeroExecutionTime: return "execute.answer#timing"
        case .dropsUnmappedBody: return "execute.answer#body"
        case .aliasIsLastSegment: return "execute.mapping#alias-default"
        case .dropsMissingMappings: return "execute.mapping#missing-null"
        case .acceptsUnknownMethod: return "validate.method#unknown"
        case .refusesExactStrings: return "execute.types#exact-strings"
        case .urlNotEncoded: return "execute.placeholders#url-encoded"
        case .queryValuesEmptied: return "execute.placeholders#query"
        case .customHeadersEmptied: return "execute.placeholders#headers"
        case .bodyValuesStringified: return "execute.placeholders#body-type"
        case .secureHeaderMasked: return "secrets.delivered#real-value"
        case .tokenNotSent: return "oauth2.client-credentials#token-used"
        case .acceptsBothTransferTargets: return "validate.transfer-both#both"
        case .revisionCreateAnswers200: return "revisions.lifecycle#create"
        case .revisionListOmitsNewest: return "revisions.lifecycle#read"
        case .revisionUpdateAnswers201: return "revisions.lifecycle#update"
        case .revisionDeleteAnswers200: return "revisions.lifecycle#delete-inactive"
        case .activeRevisionDeleteAnswers204: return "revisions.lifecycle#active-kept"
        case .setActiveAnswers204: return "revisions.active#switch"
        case .setActiveAcceptsForeignRevision: return "revisions.active#other-tool-refused"
        case .testDropsNarrowed: return "revisions.test#runs-revision"
        case .testOfForeignRevisionAnswers200: return "revisions.test#other-tool-404"
        case .impactBlocks: return "revisions.impact#report"
        case .impactOfForeignRevisionAnswers200: return "revisions.impact#other-tool-404"
        case .previewUnresolvesFoundDestination: return "revisions.preview-transfer#resolved"
        case .previewInventsDestination: return "revisions.preview-transfer#unresolved"
        case .previewOfForeignRevisionAnswers200: return "revisions.preview-transfer#other-tool-404"
        }
    }

    /// The rule whose cases must catch it.
    var rule: String { String(clause.prefix { $0 != "#" }) }

    /// Whether the clause is about an execution (the target calling the mocks), where latency could hide it.
    var concernsExecution: Bool {
        ["execute.", "secrets.delivered", "oauth2.", "revisions.test", "revisions.preview-transfer"].contains { rule.hasPrefix($0) }
    }

    /// Switches the defect on.
    func configure(_ configuration: inout ToolServer.Configuration) {
        if let downstream = downstreamRewrite {
            configuration.deviations.rewritesDownstreamRequest = downstream
        } else {
            configuration.deviations.rewritesAnswer = rewrite
        }
    }

    /// The rewrite of every downstream request, for the defects that live there; nil for those of the answers.
    private var downstreamRewrite: (@Sendable (HTTPClientRequest) -> HTTPClientRequest)? {
        switch self {
        case .urlNotEncoded:
            return { request in Outgoing.url(request) { url in url.removingPercentEncoding ?? url } }
        case .queryValuesEmptied:
            return { request in
                Outgoing.url(request) { url in
                    guard let mark = url.firstIndex(of: "?") else { return url }
                    let emptied = url[url.index(after: mark)...].split(separator: "&").map { $0.prefix { $0 != "=" } + "=" }
                    return url[...mark] + emptied.joined(separator: "&")
                }
            }
        case .customHeadersEmptied:
            return { request in
                var copy = request
                copy.headers = HTTPHeaders(request.headers.map { field in
                    Outgoing.standardHeaders.contains(field.name.lowercased()) ? field : (name: field.name, value: "")
                })
                return copy
            }
        case .bodyValuesStringified:
            return { request in
                guard case let .object(object)? = try? JSONValue.parse(request.body) else { return request }
                var copy = request
                copy.body = JSONValue.object(JSONObject(object.entries.map { entry in
                    switch entry.value {
                    case .string, .null, .object, .array: return (entry.key, entry.value)
                    default: return (entry.key, .string(entry.value.jsonText))
                    }
                })).encoded()
                return copy
            }
        case .secureHeaderMasked:
            return { request in
                var copy = request
                if copy.headers["Authorization"] != nil { copy.headers.set("Authorization", "Bearer ********") }
                return copy
            }
        case .tokenNotSent:
            return { request in
                var copy = request
                copy.headers = HTTPHeaders(request.headers.filter { $0.name.lowercased() != "authorization" })
                return copy
            }
        default:
            return nil
        }
    }

    private var rewrite: @Sendable (HTTPRequest, HTTPResponse) -> HTTPResponse {
        switch self {
        case .urlNotEncoded, .queryValuesEmptied, .customHeadersEmptied, .bodyValuesStringified, .secureHeaderMasked,
             .tokenNotSent:
            return { $1 }
        case .refusesExactStrings:
            return { request, response in
                guard request.path.hasSuffix("/execute"), response.status == 200,
                      let input = (try? JSONValue.parse(request.body))?["input"]?.objectValue else { return response }
                let exact = input.entries.filter { entry in
                    guard let text = entry.value.stringValue else { return false }
                    return Double(text) != nil || text == "true" || text == "false"
                }
                guard !exact.isEmpty else { return response }
                let detail: JSONValue = ["detail": .array(exact.map { ["loc": ["body", "input", .string($0.key)], "msg": "not a number", "type": "type_error"] })]
                return .json(422, detail.encoded())
            }
        case .createAnswers200:
            return { request, response in
                Answer.route(request, "POST", "/v1/tools") && response.status == 201 ? Answer.status(response, 200) : response
            }
        case .getRenamesTool:
            return { request, response in
                guard request.method == "GET", Answer.isTool(String(request.path)), response.status == 200 else { return response }
                return Answer.editing(response) { $0["name"] = .string(($0["name"]?.stringValue ?? "") + "_renamed") }
            }
        case .deleteAnswers200:
            return { request, response in
                request.method == "DELETE" && Answer.isTool(String(request.path)) && response.status == 204
                    ? .json(200, Array("{}".utf8)) : response
            }
        case .listsDeletedTools:
            let deleted = Mutex<[String]>([])
            return { request, response in
                if request.method == "DELETE", Answer.isTool(String(request.path)), response.status == 204 {
                    deleted.withLock { $0.append(String(request.path.dropFirst("/v1/tools/".count))) }
                }
                guard Answer.route(request, "GET", "/v1/tools"), response.status == 200 else { return response }
                let ghosts = deleted.withLock { $0 }.map { JSONValue.object(["id": .string($0), "name": "deleted"]) }
                return Answer.editing(response) { $0["items"] = .array(($0["items"]?.arrayValue ?? []) + ghosts) }
            }
        case .errorResponseWithoutMessage:
            return { _, response in
                guard response.status == 404 else { return response }
                return Answer.editing(response) { $0["message"] = nil }
            }
        case .validationLocWithoutBody:
            return { _, response in
                guard response.status == 422 else { return response }
                return Answer.editing(response) { body in
                    body["detail"] = .array((body["detail"]?.arrayValue ?? []).map { item in
                        guard case var .object(object) = item else { return item }
                        object["loc"] = .array(Array((item["loc"]?.arrayValue ?? []).dropFirst()))
                        return .object(object)
                    })
                }
            }
        case .unknownRevisionAnswers400:
            return { request, response in
                request.path.hasPrefix("/v1/tools/revisions/") && response.status == 404 ? Answer.status(response, 400) : response
            }
        case .listDefaultLimit20:
            return { request, response in
                guard Answer.route(request, "GET", "/v1/tools"), request.queryValue("limit") == nil, response.status == 200
                else { return response }
                return Answer.editing(response) { $0["items"] = .array(Array(($0["items"]?.arrayValue ?? []).prefix(20))) }
            }
        case .refusesLimit200:
            return { request, response in
                guard Answer.route(request, "GET", "/v1/tools"), request.queryValue("limit") == "200" else { return response }
                let refusal: JSONValue = ["detail": [["loc": ["query", "limit"], "msg": "at most 100", "type": "less_than_equal"]]]
                return .json(422, refusal.encoded())
            }
        case .acceptsEmptyName: return Answer.accepting { $0.at(["body", "name"]) && $0.type == "string_too_short" }
        case .acceptsLongName: return Answer.accepting { $0.at(["body", "name"]) && $0.type == "string_too_long" }
        case .acceptsUnknownToolType: return Answer.accepting { $0.at(["body", "tool_type"]) }
        case .acceptsMissingConfiguration: return Answer.accepting { $0.loc == ["body", "configuration"] }
        case .acceptsConfigurationWithoutURL: return Answer.accepting { $0.loc == ["body", "configuration", "url"] && $0.type == "missing" }
        case .acceptsRelativeURL: return Answer.accepting { $0.loc == ["body", "configuration", "url"] && $0.type != "missing" }
        case .acceptsTimeoutOutOfRange: return Answer.accepting { $0.at(["body", "configuration", "timeout"]) }
        case .acceptsTooManyRetries: return Answer.accepting { $0.at(["body", "configuration", "retry", "max_retries"]) }
        case .acceptsTinyBaseDelay: return Answer.accepting { $0.at(["body", "configuration", "retry", "base_delay_seconds"]) }
        case .acceptsHugeMaxDelay: return Answer.accepting { $0.at(["body", "configuration", "retry", "max_delay_seconds"]) }
        case .acceptsUnknownVariableType:
            return Answer.accepting { $0.at(["body", "configuration", "variables"]) && $0.loc.last == "type" }
        case .acceptsDuplicateVariables:
            return Answer.accepting { $0.at(["body", "configuration", "variables"]) && $0.loc.last != "type" }
        case .acceptsTransferWithoutTarget: return Answer.accepting { $0.loc == ["body", "transfer_target"] && $0.type == "missing" }
        case .acceptsUnknownMethod: return Answer.accepting { $0.at(["body", "configuration", "method"]) }
        case .acceptsBothTransferTargets:
            return Answer.accepting { $0.loc == ["body", "transfer_target"] && $0.message.contains("mutually exclusive") }
        case .acceptsUnknownTransferMode: return Answer.accepting { $0.at(["body", "transfer_target", "mode"]) }
        case .namesOneMissingVariable: return Answer.namingOne { $0.type == "missing" }
        case .namesOneWrongType: return Answer.namingOne { $0.type != "missing" }
        case .flipsSuccess: return Answer.editingExecute { $0["success"] = .bool($0["success"] != .bool(true)) }
        case .vagueErrorKind: return Answer.editingExecute { if $0["error"] != nil, $0["error"] != .null { $0["error"] = "error" } }
        case .lowercaseRequestMethod: return Answer.editingExecute { $0["request_method"] = .string($0["request_method"]?.stringValue?.lowercased() ?? "") }
        case .zeroExecutionTime: return Answer.editingExecute { $0["execution_time_ms"] = 0 }
        case .dropsUnmappedBody: return Answer.editingExecute { if $0["body"]?.objectValue != nil { $0["body"] = .object([:]) } }
        case .aliasIsLastSegment:
            return Answer.editingExecute { answer in
                guard let body = answer["body"]?.objectValue else { return }
                answer["body"] = .object(JSONObject(body.entries.map { (String($0.key.split(separator: ".").last ?? ""), $0.value) }))
            }
        case .dropsMissingMappings:
            return Answer.editingExecute { answer in
                guard let body = answer["body"]?.objectValue else { return }
                answer["body"] = .object(JSONObject(body.entries.filter { $0.value != .null }))
            }
        case .revisionCreateAnswers200:
            return { request, response in
                request.method == "POST" && request.path.hasSuffix("/revisions") && response.status == 201
                    ? Answer.status(response, 200) : response
            }
        case .revisionListOmitsNewest:
            return { request, response in
                guard request.method == "GET", request.path.hasSuffix("/revisions"), response.status == 200 else { return response }
                return Answer.editing(response) { $0["items"] = .array(Array(($0["items"]?.arrayValue ?? []).dropLast())) }
            }
        case .revisionUpdateAnswers201:
            return { request, response in
                request.method == "PUT" && Answer.isRevision(String(request.path)) && response.status == 200
                    ? Answer.status(response, 201) : response
            }
        case .revisionDeleteAnswers200:
            return { request, response in
                request.method == "DELETE" && Answer.isRevision(String(request.path)) && response.status == 204
                    ? .json(200, Array("{}".utf8)) : response
            }
        case .activeRevisionDeleteAnswers204:
            return { request, response in
                request.method == "DELETE" && Answer.isRevision(String(request.path)) && (400..<500).contains(response.status)
                    ? HTTPResponse(status: 204) : response
            }
        case .setActiveAnswers204:
            return { request, response in
                request.path.hasSuffix("/set-active-revision") && response.status == 200 ? HTTPResponse(status: 204) : response
            }
        case .setActiveAcceptsForeignRevision:
            return { request, response in
                request.path.hasSuffix("/set-active-revision") && (400..<500).contains(response.status)
                    ? .json(200, Array("{}".utf8)) : response
            }
        case .testDropsNarrowed:
            return { request, response in
                guard request.path.hasSuffix("/test"), response.status == 200 else { return response }
                return Answer.editing(response) { $0["narrowed"] = .null }
            }
        case .testOfForeignRevisionAnswers200: return Answer.foundAnyway(endpoint: "/test")
        case .impactBlocks:
            return { request, response in
                guard request.path.hasSuffix("/impact"), response.status == 200 else { return response }
                return Answer.editing(response) { $0["has_blocking"] = true }
            }
        case .impactOfForeignRevisionAnswers200: return Answer.foundAnyway(endpoint: "/impact")
        case .previewUnresolvesFoundDestination:
            return { request, response in
                guard request.path.hasSuffix("/preview-transfer-destination"), response.status == 200 else { return response }
                return Answer.editing(response) { if $0["resolved"] == true { $0["resolved"] = false } }
            }
        case .previewInventsDestination:
            return { request, response in
                guard request.path.hasSuffix("/preview-transfer-destination"), response.status == 200 else { return response }
                return Answer.editing(response) { if $0["resolved"] == false { $0["destination"] = "+15550100" } }
            }
        case .previewOfForeignRevisionAnswers200: return Answer.foundAnyway(endpoint: "/preview-transfer-destination")
        }
    }
}

/// Building blocks of the downstream rewrites.
private enum Outgoing {
    /// Headers a rendering bug leaves alone: the ones the server sets itself.
    static let standardHeaders: Set<String> = [
        "host", "content-type", "content-length", "authorization", "idempotency-key", "user-agent", "accept", "connection",
    ]

    static func url(_ request: HTTPClientRequest, _ change: (String) -> String) -> HTTPClientRequest {
        var copy = request
        copy.url = change(request.url)
        return copy
    }
}

/// Building blocks of the answer rewrites.
private enum Answer {
    static func route(_ request: HTTPRequest, _ method: String, _ path: String) -> Bool {
        request.method == method && request.path == path
    }

    /// `/v1/tools/{id}` (one segment after `/v1/tools/`, not `revisions`).
    static func isTool(_ path: String) -> Bool {
        let rest = path.dropFirst("/v1/tools/".count)
        return path.hasPrefix("/v1/tools/") && !rest.isEmpty && !rest.contains("/") && rest != "revisions"
    }

    /// `/v1/tools/revisions/{rev}`.
    static func isRevision(_ path: String) -> Bool {
        let rest = path.dropFirst("/v1/tools/revisions/".count)
        return path.hasPrefix("/v1/tools/revisions/") && !rest.isEmpty && !rest.contains("/")
    }

    /// A 404 of a revision's dry-run `endpoint` (`/test`) answered 200 with an empty object, as a server that does not
    /// check the revision belongs to the tool in the path would answer.
    static func foundAnyway(endpoint: String) -> @Sendable (HTTPRequest, HTTPResponse) -> HTTPResponse {
        { request, response in
            request.path.hasSuffix(endpoint) && response.status == 404 ? .json(200, Array("{}".utf8)) : response
        }
    }

    static func status(_ response: HTTPResponse, _ status: Int) -> HTTPResponse {
        HTTPResponse(status: status, headers: response.headers, body: response.body)
    }

    /// The answer with its JSON object body changed by `edit`; answers that are not JSON objects pass unchanged.
    static func editing(_ response: HTTPResponse, _ edit: (inout JSONObject) -> Void) -> HTTPResponse {
        guard case var .object(object)? = try? JSONValue.parse(response.body) else { return response }
        edit(&object)
        return .json(response.status, JSONValue.object(object).encoded())
    }

    /// Edits every 200 answer of `POST /v1/tools/{id}/execute`.
    static func editingExecute(_ edit: @escaping @Sendable (inout JSONObject) -> Void) -> @Sendable (HTTPRequest, HTTPResponse) -> HTTPResponse {
        { request, response in
            guard request.method == "POST", request.path.hasSuffix("/execute"), response.status == 200 else { return response }
            return editing(response, edit)
        }
    }

    /// A 422 whose every problem `accepts` is answered 201 with a tool that was never stored, as a server that does
    /// not check that one condition would accept it.
    static func accepting(_ accepts: @escaping @Sendable (Problem) -> Bool) -> @Sendable (HTTPRequest, HTTPResponse) -> HTTPResponse {
        { request, response in
            guard request.method == "POST", response.status == 422, let problems = Problem.all(in: response),
                  !problems.isEmpty, problems.allSatisfy(accepts) else { return response }
            let body = (try? JSONValue.parse(request.body)) ?? .object([:])
            var tool = body.objectValue ?? JSONObject()
            tool["id"] = .string(UUID().uuidString.lowercased())
            return .json(201, JSONValue.object(tool).encoded())
        }
    }

    /// A 422 of an execute that names only the first of the problems `matches`, dropping the others of that kind.
    static func namingOne(_ matches: @escaping @Sendable (Problem) -> Bool) -> @Sendable (HTTPRequest, HTTPResponse) -> HTTPResponse {
        { request, response in
            guard request.path.hasSuffix("/execute"), response.status == 422 else { return response }
            return editing(response) { body in
                var kept = false
                body["detail"] = .array((body["detail"]?.arrayValue ?? []).filter { item in
                    guard let problem = Problem(item), matches(problem) else { return true }
                    defer { kept = true }
                    return !kept
                })
            }
        }
    }

    /// One `detail` entry of a 422.
    struct Problem {
        var loc: [String]
        var type: String
        var message: String

        init?(_ item: JSONValue) {
            guard let loc = item["loc"]?.arrayValue else { return nil }
            self.loc = loc.map { $0.stringValue ?? $0.intValue.map(String.init) ?? "" }
            type = item["type"]?.stringValue ?? ""
            message = item["msg"]?.stringValue ?? ""
        }

        static func all(in response: HTTPResponse) -> [Problem]? {
            (try? JSONValue.parse(response.body))?["detail"]?.arrayValue?.compactMap(Problem.init)
        }

        func at(_ prefix: [String]) -> Bool { loc.starts(with: prefix) }
    }
}
