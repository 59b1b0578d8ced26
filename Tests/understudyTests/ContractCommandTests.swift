// `understudy contract` prints the shipped contract, whole.
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
}
