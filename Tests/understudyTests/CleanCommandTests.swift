// `understudy clean` removes the tools named with a prefix, and only those; --dry-run deletes nothing.
import Foundation
import HTTPWire
import XCTest

final class CleanCommandTests: XCTestCase {
    /// Creates a tool named `name` on the reference server at `url` and returns its id.
    private func create(_ name: String, at url: String, key: String, client: HTTPClient) async throws -> String {
        let body = #"{"name": "\#(name)", "description": "d", "tool_type": "api_call", "configuration": {"url": "http://127.0.0.1:9/x", "method": "GET"}}"#
        let answer = try await client.execute(HTTPClientRequest(method: "POST", url: url + "/v1/tools",
                                                                headers: ["x-api-key": key, "Content-Type": "application/json"],
                                                                body: Array(body.utf8)), timeout: .seconds(5))
        XCTAssertEqual(answer.status, 201, answer.bodyText)
        return try XCTUnwrap((try JSONSerialization.jsonObject(with: Data(answer.body)) as? [String: Any])?["id"] as? String)
    }

    private func names(at url: String, key: String, client: HTTPClient) async throws -> Set<String> {
        let answer = try await client.execute(HTTPClientRequest(url: url + "/v1/tools?limit=200", headers: ["x-api-key": key]),
                                              timeout: .seconds(5))
        let items = (try JSONSerialization.jsonObject(with: Data(answer.body)) as? [String: Any])?["items"] as? [[String: Any]] ?? []
        return Set(items.compactMap { $0["name"] as? String })
    }

    func test_clean_DeletesEveryToolWithThePrefix_AndNoOther() async throws {
        let key = "clean-key-\(UInt32.random(in: 0...UInt32.max))"
        let server = try LongRunningUnderstudy(["serve", "--api-key", key])
        defer { _ = server.stop() }
        let url = try XCTUnwrap(server.urls.first)
        let client = try HTTPClient()
        defer { client.shutdown() }
        for name in ["us0a1b2c_one", "us0a1b2c_two", "us0a1b2c_three", "someone_elses", "us0a1b2d_other_run"] {
            _ = try await create(name, at: url, key: key, client: client)
        }
        let dry = try runUnderstudy(["clean", "--target", url, "--api-key", key, "--prefix", "us0a1b2c_", "--dry-run"])
        XCTAssertEqual(dry.status, 0, dry.stderr)
        XCTAssertTrue(dry.stdout.contains("3 tools named us0a1b2c_* on \(url); --dry-run: nothing deleted"), dry.stdout)
        var left = try await names(at: url, key: key, client: client)
        XCTAssertEqual(left.count, 5)

        let clean = try runUnderstudy(["clean", "--target", url, "--prefix", "us0a1b2c_"], environment: ["UNDERSTUDY_API_KEY": key])
        XCTAssertEqual(clean.status, 0, clean.stderr)
        XCTAssertTrue(clean.stdout.contains("deleted 3 of 3 tools named us0a1b2c_*"), clean.stdout)
        XCTAssertFalse((clean.stdout + clean.stderr).contains(key), "the key is never printed")
        left = try await names(at: url, key: key, client: client)
        XCTAssertEqual(left, ["someone_elses", "us0a1b2d_other_run"])
    }
}
