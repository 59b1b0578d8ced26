// `understudy contract` prints the shipped contract, whole, and `--openapi DIALECT` its OpenAPI 3.1 files.
import Foundation
import XCTest

final class ContractCommandTests: XCTestCase {
    func test_contract_PrintsTheDocumentWithItsRules() throws {
        let result = try runUnderstudy(["contract"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.hasPrefix("# The Understudy tool server contract"))
        for id in ["auth.api-key", "transfer.sip", "retry.backoff", "secrets.masked", "oauth2.client-credentials"] {
            XCTAssertTrue(result.stdout.contains("`\(id)`"), id)
        }
    }

    func test_contract_WithArguments_IsAUsageError() throws {
        let result = try runUnderstudy(["contract", "--json"])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("contract takes no arguments"))
    }

    func test_contractOpenAPI_PrintsEachDialectsFile() throws {
        for (dialect, path) in [("feather", "/v1/tools/{tool_id}/set-active-revision"), ("oneinbox", "/v1/tools/{tool_id}/execute")] {
            let result = try runUnderstudy(["contract", "--openapi", dialect])
            XCTAssertEqual(result.status, 0, result.stderr)
            let document = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], dialect)
            XCTAssertEqual(document["openapi"] as? String, "3.1.0", dialect)
            let paths = try XCTUnwrap(document["paths"] as? [String: Any], dialect)
            XCTAssertNotNil(paths[path], "\(dialect) lacks \(path)")
        }
    }

    func test_contractOpenAPI_WithUnknownOrMissingDialect_IsAUsageError() throws {
        for arguments in [["contract", "--openapi", "vapi"], ["contract", "--openapi"], ["contract", "--openapi", "feather", "x"]] {
            let result = try runUnderstudy(arguments)
            XCTAssertEqual(result.status, 2, arguments.joined(separator: " "))
            XCTAssertTrue(result.stderr.contains("contract --openapi takes one of: feather, oneinbox"), result.stderr)
            XCTAssertTrue(result.stdout.isEmpty)
        }
    }
}
