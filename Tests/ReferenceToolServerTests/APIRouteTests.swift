// Method and path to operation, for both dialects.
import Testing
@testable import ReferenceToolServer

@Suite struct APIRouteTests {
    @Test(arguments: [
        ("POST", "/v1/tools", ToolAPIRoute.createTool),
        ("GET", "/v1/tools", .listTools),
        ("GET", "/v1/tools/t1", .getTool("t1")),
        ("PUT", "/v1/tools/t1", .updateTool("t1")),
        ("DELETE", "/v1/tools/t1/", .deleteTool("t1")),
        ("POST", "/v1/tools/t1/execute", .executeTool("t1")),
        ("POST", "/v1/tools/t1/enable", .enableTool("t1")),
        ("POST", "/v1/tools/t1/disable", .disableTool("t1")),
        ("POST", "/v1/tools/t1/revisions", .createRevision(tool: "t1")),
        ("GET", "/v1/tools/t1/revisions", .listRevisions(tool: "t1")),
        ("GET", "/v1/tools/revisions/r1", .getRevision("r1")),
        ("PUT", "/v1/tools/revisions/r1", .updateRevision("r1")),
        ("DELETE", "/v1/tools/revisions/r1", .deleteRevision("r1")),
        ("POST", "/v1/tools/t1/set-active-revision", .setActiveRevision(tool: "t1")),
        ("POST", "/v1/tools/t1/revisions/r1/test", .testRevision(tool: "t1", revision: "r1")),
        ("POST", "/v1/tools/t1/revisions/r1/preview-transfer-destination", .previewTransferDestination(tool: "t1", revision: "r1")),
        ("GET", "/v1/tools/t1/revisions/r1/impact", .revisionImpact(tool: "t1", revision: "r1")),
    ])
    func feather_ResolvesEveryPath(method: String, path: String, route: ToolAPIRoute) {
        #expect(ToolAPIRoute.resolve(method: method, path: Substring(path), dialect: .feather) == .route(route))
    }

    @Test func oneinbox_UpdatesWithPatch_AndHasNoRevisions() {
        #expect(ToolAPIRoute.resolve(method: "PATCH", path: "/v1/tools/t1", dialect: .oneinbox) == .route(.updateTool("t1")))
        #expect(ToolAPIRoute.resolve(method: "PUT", path: "/v1/tools/t1", dialect: .oneinbox) == .wrongMethod(allowed: ["GET", "PATCH", "DELETE"]))
        #expect(ToolAPIRoute.resolve(method: "GET", path: "/v1/tools/t1/revisions", dialect: .oneinbox) == .unknownPath)
        #expect(ToolAPIRoute.resolve(method: "POST", path: "/v1/tools/t1/execute", dialect: .oneinbox) == .route(.executeTool("t1")))
    }

    @Test func unknownPathsAndMethods_AreToldApart() {
        #expect(ToolAPIRoute.resolve(method: "GET", path: "/v2/tools", dialect: .feather) == .unknownPath)
        #expect(ToolAPIRoute.resolve(method: "GET", path: "/v1/tools/t1/frobnicate", dialect: .feather) == .unknownPath)
        #expect(ToolAPIRoute.resolve(method: "PATCH", path: "/v1/tools", dialect: .feather) == .wrongMethod(allowed: ["POST", "GET"]))
        #expect(ToolAPIRoute.resolve(method: "GET", path: "/v1/tools/t1/execute", dialect: .feather) == .wrongMethod(allowed: ["POST"]))
    }
}
