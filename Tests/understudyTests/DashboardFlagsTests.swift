// `understudy mocks` and its dashboard: the banner line, --dashboard-port, --no-dashboard, and refused values.
import Foundation
import Glibc
import XCTest

final class DashboardFlagsTests: XCTestCase {
    /// Runs `mocks` with `arguments` and checks the refusal: exit 2 and one stderr line naming `message` and the help.
    private func assertRefused(_ arguments: [String], _ message: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let result = try runUnderstudy(["mocks", "--only", "crm", "--loops", "1"] + arguments)
        let first = result.stderr.split(separator: "\n").first.map(String.init) ?? ""
        XCTAssertEqual(result.status, 2, "\(arguments) -> \(result.stderr.prefix(300))", file: file, line: line)
        XCTAssertTrue(first.contains(message), "first line names it: \(first)", file: file, line: line)
        XCTAssertEqual(result.stderr.split(separator: "\n").count, 1, result.stderr, file: file, line: line)
        XCTAssertTrue(first.hasSuffix("(see 'understudy help mocks')"), first, file: file, line: line)
        assertNoCrash(result.stdout + result.stderr, "\(arguments)", file: file, line: line)
    }

    func test_mocks_RefusesBadDashboardFlags() throws {
        try assertRefused(["--dashboard-port", "abc"], "--dashboard-port must be an integer 0-65535, got 'abc'")
        try assertRefused(["--dashboard-port", "70000"], "--dashboard-port must be an integer 0-65535")
        try assertRefused(["--dashboard-port"], "--dashboard-port needs a value")
        try assertRefused(["--dashboard-port", "0", "--no-dashboard"], "--dashboard-port and --no-dashboard contradict each other")
    }

    func test_mocks_RefusesADashboardPortInUse_AndStopsTheMocks() throws {
        let holder = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(holder) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(holder, $0, length) == 0 && listen(holder, 1) == 0 && getsockname(holder, $0, &length) == 0 }
        }
        let port = UInt16(bigEndian: address.sin_port)
        try assertRefused(["--dashboard-port", String(port)], "--dashboard-port \(port): cannot listen")
    }

    func test_mocks_PrintsTheDashboardURL_WhichServesThePage() throws {
        let running = try LongRunningUnderstudy(["mocks", "--only", "crm", "--loops", "1"])
        let line = running.printed.split(separator: "\n").first { $0.hasPrefix("dashboard: ") }
        let url = try XCTUnwrap(line.map { String($0.dropFirst("dashboard: ".count)) }, running.printed)
        let port = try XCTUnwrap(UInt16(url.split(separator: ":").last ?? ""), url)
        let urls = running.urls
        let answer = rawExchange(port: port, "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        let output = running.stop()

        XCTAssertTrue(url.hasPrefix("http://127.0.0.1:"), url)
        XCTAssertTrue(urls.contains(url), "the dashboard is among the URLs a script reads from the banner")
        XCTAssertTrue(answer.hasPrefix("HTTP/1.1 200"), String(answer.prefix(200)))
        XCTAssertTrue(answer.contains("<title>Understudy mocks: dashboard</title>"))
        XCTAssertTrue(output.stdout.contains("stopped; journals flushed"))
    }

    func test_mocks_NoDashboard_PrintsNoDashboardLine() throws {
        let running = try LongRunningUnderstudy(["mocks", "--only", "crm", "--loops", "1", "--no-dashboard"])
        let printed = running.printed
        _ = running.stop()

        XCTAssertFalse(printed.contains("dashboard:"), printed)
        XCTAssertTrue(printed.contains("crm "), printed)
    }

    func test_mocksUsage_NamesTheDashboardFlags() throws {
        let result = try runUnderstudy(["help", "mocks"])
        XCTAssertTrue(result.stdout.contains("--dashboard-port N"))
        XCTAssertTrue(result.stdout.contains("--no-dashboard"))
    }
}
