// Secure by default, checked on the running binary: loopback binds, the admin token, bounded requests, and no
// planted secret in any command's output or journal.
import Foundation
import Glibc
import HTTPWire
import JSONModel
import XCTest

final class SecurityDefaultsTests: XCTestCase {
    func test_mocksAndServe_BindLoopbackOnly_WhenNoHostIsGiven() throws {
        for arguments in [["mocks", "--loops", "1"], ["serve", "--loops", "1"]] {
            let running = try LongRunningUnderstudy(arguments)
            defer { _ = running.stop() }
            XCTAssertFalse(running.urls.isEmpty, running.printed)
            for url in running.urls {
                XCTAssertTrue(url.hasPrefix("http://127.0.0.1:"), "\(arguments): \(url)")
                let port = try XCTUnwrap(UInt16(url.split(separator: ":").last ?? ""), url)
                let addresses = listeningAddresses(port: port)
                XCTAssertFalse(addresses.isEmpty, "nothing listens on \(port)")
                XCTAssertEqual(Set(addresses), ["0100007F"], "\(arguments): port \(port) listens on \(addresses), not only 127.0.0.1")
            }
        }
    }

    func test_mocksAdminAPI_RequiresTheAdminToken_WhenOneIsGiven() throws {
        let token = "planted-admin-\(UUID().uuidString)"
        let running = try LongRunningUnderstudy(["mocks", "--only", "crm", "--loops", "1", "--admin-token", token])
        defer { _ = running.stop() }
        let admin = try XCTUnwrap(running.urls.first) + "/__admin"
        let client = try HTTPClient()
        defer { client.shutdown() }
        let cases: [(HTTPHeaders, Int)] = [
            ([:], 401), (["Authorization": "Bearer wrong"], 401), (["X-Admin-Token": token + "x"], 401),
            (["Authorization": "Bearer \(token)"], 200), (["X-Admin-Token": token], 200),
        ]
        for (headers, status) in cases {
            for path in ["", "/requests", "/faults"] {
                XCTAssertEqual(client.fetch("GET", admin + path, headers: headers)?.status, status, "\(path) \(headers)")
            }
        }
        XCTAssertEqual(client.fetch("POST", admin + "/reset")?.status, 401)
        let (stdout, stderr) = running.stop()
        XCTAssertFalse((stdout + stderr).contains(token), "the admin token is never printed")
    }

    func test_mocksAndServe_BoundRequestHeadsAndBodies() throws {
        for arguments in [["mocks", "--only", "crm", "--loops", "1"], ["serve", "--loops", "1", "--api-key", "k"]] {
            let running = try LongRunningUnderstudy(arguments)
            defer { _ = running.stop() }
            let port = try running.firstPort()
            let overBody = rawExchange(port: port, "POST /callbacks HTTP/1.1\r\nHost: t\r\nContent-Length: 9000000\r\n\r\n")
            XCTAssertTrue(overBody.hasPrefix("HTTP/1.1 413 "), "\(arguments): \(overBody.prefix(200))")
            let overHead = rawExchange(port: port, "GET / HTTP/1.1\r\nHost: t\r\nX: \(String(repeating: "h", count: 70_000))\r\n\r\n")
            XCTAssertTrue(overHead.hasPrefix("HTTP/1.1 431 "), "\(arguments): \(overHead.prefix(200))")
            let overTarget = rawExchange(port: port, "GET /\(String(repeating: "t", count: 9000)) HTTP/1.1\r\nHost: t\r\n\r\n")
            XCTAssertTrue(overTarget.hasPrefix("HTTP/1.1 414 "), "\(arguments): \(overTarget.prefix(200))")
        }
    }

    func test_mocks_NeverPrintOrJournalPlantedSecrets() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("understudy-sec-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let id = UUID().uuidString
        let secrets = ["crm": "planted-crm-\(id)", "ticketing": "planted-key-\(id)", "webhook": "planted-hook-\(id)", "admin": "planted-admin-\(id)"]
        let running = try LongRunningUnderstudy(["mocks", "--loops", "1", "--only", "crm,ticketing,webhook", "--journal", folder.path,
                                                 "--crm-token", secrets["crm"]!, "--ticketing-key", secrets["ticketing"]!,
                                                 "--webhook-secret", secrets["webhook"]!, "--admin-token", secrets["admin"]!])
        let crm = try XCTUnwrap(running.url(of: "crm")), ticketing = try XCTUnwrap(running.url(of: "ticketing"))
        let webhook = try XCTUnwrap(running.url(of: "webhook"))
        let client = try HTTPClient()
        defer { client.shutdown() }
        let lead = Array(#"{"name":"Ada","company":"AE","reason":"call me","phone_number":"+14155550123"}"#.utf8)
        XCTAssertEqual(client.fetch("POST", crm + "/callbacks", headers: ["Authorization": "Bearer \(secrets["crm"]!)",
                                                                          "Content-Type": "application/json"], body: lead)?.status, 201)
        // A client that leaks the token into a URL: the journal file masks it there too.
        XCTAssertNotNil(client.fetch("GET", crm + "/callbacks?token=\(secrets["crm"]!)", headers: ["Authorization": "Bearer \(secrets["crm"]!)"]))
        XCTAssertEqual(client.fetch("GET", ticketing + "/inventory?sku=SKU-100", headers: ["X-API-Key": secrets["ticketing"]!])?.status, 200)
        XCTAssertEqual(client.fetch("POST", webhook + "/events", headers: ["X-Timestamp": "1", "X-Signature": "sha256=00"], body: [])?.status, 401)
        // The admin API reveals what was received (it is the evidence the suite reads), so only behind the admin token.
        XCTAssertEqual(client.fetch("GET", crm + "/__admin/requests", headers: ["X-Admin-Token": secrets["admin"]!])?.status, 200)
        let (stdout, stderr) = running.stop()
        var outputs = [("stdout", stdout), ("stderr", stderr)]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            outputs.append((name, try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)))
        }
        XCTAssertEqual(outputs.count, 5, outputs.map(\.0).joined(separator: ", "))
        for (name, text) in outputs {
            for (kind, secret) in secrets { XCTAssertFalse(text.contains(secret), "\(name) holds the \(kind) secret") }
        }
    }

    func test_serve_NeverLogsTheGivenKeyOrASecureHeaderValue() throws {
        let upstream = HTTPServer(configuration: .oneLoop) { _, writer in writer.respond(.json(200, Array(#"{"ok":true}"#.utf8))) }
        try upstream.start()
        defer { upstream.stop(gracePeriod: .seconds(1)) }
        let key = "planted-api-key-\(UUID().uuidString)", secure = "planted-secure-\(UUID().uuidString)"
        let running = try LongRunningUnderstudy(["serve", "--loops", "1", "--api-key", key])
        let base = try XCTUnwrap(running.urls.first)
        let client = try HTTPClient()
        defer { client.shutdown() }
        let tool = #"""
        {"name": "create_callback_lead", "description": "Saves a lead", "tool_type": "api_call",
         "configuration": {"url": "\#(upstream.baseURL ?? "")/callbacks", "method": "POST",
                           "headers": [{"key": "Authorization", "value": "Bearer \#(secure)", "secure": true}],
                           "body": {"name": "{{name}}"}, "variables": [{"name": "name", "type": "str", "required": true}]}}
        """#
        let headers: HTTPHeaders = ["x-api-key": key, "Content-Type": "application/json"]
        let created = client.fetch("POST", base + "/v1/tools", headers: headers, body: Array(tool.utf8))
        XCTAssertEqual(created?.status, 201, created?.bodyText ?? "no answer")
        let toolID = try XCTUnwrap(created.flatMap { try? JSONValue.parse($0.body) }?["id"]?.stringValue)
        XCTAssertEqual(client.fetch("GET", base + "/v1/tools/\(toolID)", headers: headers)?.status, 200)
        XCTAssertEqual(client.fetch("POST", base + "/v1/tools/\(toolID)/execute", headers: headers,
                                    body: Array(#"{"input": {"name": "Ada"}}"#.utf8))?.status, 200)
        XCTAssertEqual(client.fetch("GET", base + "/v1/tools?api_key=\(key)&secret=\(secure)", headers: ["x-api-key": "wrong"])?.status, 401)
        let (stdout, stderr) = running.stop()
        XCTAssertTrue(stderr.contains("POST /v1/tools 201"), "one log line per request: \(stderr)")
        XCTAssertTrue(stdout.contains("api key: (as given with --api-key)"))
        for (name, text) in [("stdout", stdout), ("stderr", stderr)] {
            XCTAssertFalse(text.contains(key), "\(name) holds the API key")
            XCTAssertFalse(text.contains(secure), "\(name) holds the secure header value")
        }
    }

    func test_serve_PrintsAKeyItGeneratedOnce_AndNeverLogsIt() throws {
        let running = try LongRunningUnderstudy(["serve", "--loops", "1"])
        let line = try XCTUnwrap(running.printed.split(separator: "\n").first { $0.hasPrefix("api key: ") })
        let key = String(line.dropFirst("api key: ".count))
        XCTAssertGreaterThanOrEqual(key.count, 16, "a generated key is long enough to guess")
        let client = try HTTPClient()
        defer { client.shutdown() }
        XCTAssertEqual(client.fetch("GET", try XCTUnwrap(running.urls.first) + "/v1/tools", headers: ["x-api-key": key])?.status, 200)
        let (stdout, stderr) = running.stop()
        XCTAssertEqual(stdout.components(separatedBy: key).count - 1, 1, "printed exactly once")
        XCTAssertFalse(stderr.contains(key))
    }

    func test_contractAndCases_NeverEchoAPlantedKey() throws {
        let key = "planted-env-key-\(UUID().uuidString)"
        for arguments in [["contract"], ["contract", "--openapi", "feather"], ["cases"], ["cases", "--json"], ["contract", "--bogus"], ["cases", "--x"]] {
            let result = try runUnderstudy(arguments, environment: ["UNDERSTUDY_API_KEY": key])
            let text = result.stdout + result.stderr
            XCTAssertFalse(text.isEmpty, "\(arguments)")
            XCTAssertFalse(text.contains(key), "\(arguments) echoes the key")
        }
    }
}

extension HTTPClient {
    /// Sends one request and waits for its answer (nil on a transport error); for XCTest threads, never the pool.
    func fetch(_ method: String, _ url: String, headers: HTTPHeaders = [:], body: [UInt8] = []) -> HTTPResponse? {
        let done = DispatchSemaphore(value: 0)
        let box = ResponseBox()
        execute(HTTPClientRequest(method: method, url: url, headers: headers, body: body), timeout: .seconds(10)) { result in
            box.response = try? result.get()
            done.signal()
        }
        done.wait()
        return box.response
    }
}

private final class ResponseBox: @unchecked Sendable {
    var response: HTTPResponse?
}

/// The local addresses (hex, as /proc/net/tcp* writes them) of sockets listening on `port`.
func listeningAddresses(port: UInt16) -> [String] {
    let portHex = String(format: "%04X", port)
    return ["/proc/net/tcp", "/proc/net/tcp6"].flatMap { file -> [String] in
        let lines = ((try? String(contentsOfFile: file, encoding: .utf8)) ?? "").split(separator: "\n").dropFirst()
        return lines.compactMap { line -> String? in
            let columns = line.split(separator: " ")
            guard columns.count > 3, columns[3] == "0A" else { return nil }  // 0A: LISTEN
            let local = columns[1].split(separator: ":")
            return local.count == 2 && local[1] == portHex ? String(local[0]) : nil
        }
    }
}
