// Which operation of the tool API a method and path name, for both dialects. Pure.
import ToolContract

/// One operation of the tool server's API, with its path parameters.
enum ToolAPIRoute: Equatable, Sendable {
    case createTool
    case listTools
    case getTool(String)
    case updateTool(String)
    case deleteTool(String)
    case executeTool(String)
    case enableTool(String)
    case disableTool(String)
    case createRevision(tool: String)
    case listRevisions(tool: String)
    case getRevision(String)
    case updateRevision(String)
    case deleteRevision(String)
    case setActiveRevision(tool: String)
    case testRevision(tool: String, revision: String)
    case previewTransferDestination(tool: String, revision: String)
    case revisionImpact(tool: String, revision: String)

    /// The route for `method` and `path` in `dialect`, `.unknownPath` when no route has the path, and
    /// `.wrongMethod(allowed)` when the path exists with other methods.
    enum Resolution: Equatable {
        case route(ToolAPIRoute)
        case unknownPath
        case wrongMethod(allowed: [String])
    }

    static func resolve(method: String, path: Substring, dialect: Dialect) -> Resolution {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        guard parts.count >= 2, parts[0] == "v1", parts[1] == "tools" else { return .unknownPath }
        let rest = Array(parts.dropFirst(2))
        let table = candidates(rest, dialect: dialect)
        guard !table.isEmpty else { return .unknownPath }
        if let route = table.first(where: { $0.method == method })?.route { return .route(route) }
        return .wrongMethod(allowed: table.map(\.method))
    }

    /// Every method allowed on the path `rest` (after `/v1/tools`), with its route.
    private static func candidates(_ rest: [String], dialect: Dialect) -> [(method: String, route: ToolAPIRoute)] {
        let update = dialect == .feather ? "PUT" : "PATCH"
        switch rest.count {
        case 0:
            return [("POST", .createTool), ("GET", .listTools)]
        case 1:
            let id = rest[0]
            return [("GET", .getTool(id)), (update, .updateTool(id)), ("DELETE", .deleteTool(id))]
        case 2 where rest[0] == "revisions" && dialect == .feather:
            let revision = rest[1]
            return [("GET", .getRevision(revision)), ("PUT", .updateRevision(revision)), ("DELETE", .deleteRevision(revision))]
        case 2:
            let id = rest[0]
            switch rest[1] {
            case "execute": return [("POST", .executeTool(id))]
            case "enable" where dialect == .feather: return [("POST", .enableTool(id))]
            case "disable" where dialect == .feather: return [("POST", .disableTool(id))]
            case "revisions" where dialect == .feather: return [("POST", .createRevision(tool: id)), ("GET", .listRevisions(tool: id))]
            case "set-active-revision" where dialect == .feather: return [("POST", .setActiveRevision(tool: id))]
            default: return []
            }
        case 4 where rest[1] == "revisions" && dialect == .feather:
            let (id, revision) = (rest[0], rest[2])
            switch rest[3] {
            case "test": return [("POST", .testRevision(tool: id, revision: revision))]
            case "preview-transfer-destination": return [("POST", .previewTransferDestination(tool: id, revision: revision))]
            case "impact": return [("GET", .revisionImpact(tool: id, revision: revision))]
            default: return []
            }
        default:
            return []
        }
    }
}
