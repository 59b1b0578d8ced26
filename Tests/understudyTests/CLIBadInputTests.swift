// Bad input to every command and flag: exit 2, one line naming the flag or file and where help is, never a crash.
import Foundation
import HTTPWire
import XCTest

final class CLIBadInputTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("understudy-bad-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("defs-garbage"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("defs-shape"), withIntermediateDirectories: true)
        let files = [
            "garbage.txt": "garbage {{{ \u{0}\n", "truncated.json": "[1, 2", "array.json": "[1]", "object.json": #"{"a": 1}"#,
            "defs-garbage/crm.json": #"{"name": "#, "defs-shape/crm.json": #"{"name": "crm"}"#,
            "faults-nosystem.json": #"{"nope": []}"#, "faults-notarray.json": #"{"crm": 5}"#, "faults-badrule.json": #"{"crm": [{"bogus": 1}]}"#,
            "caps.txt": "revisions, teleport\n", "caps.json": #"["revisions", "warp"]"#,
            "schema99.json": #"{"schema_version": 99}"#, "data-shape.json": #"{"tools": 5}"#,
        ]
        for (name, text) in files { try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8) }
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    /// Runs `arguments` and checks the refusal: exit 2, one stderr line holding `message` and pointing at `help`
    /// (`understudy help mocks`), no usage dump, no crash.
    private func assertRefused(_ arguments: [String], _ message: String, help: String,
                               file: StaticString = #filePath, line: UInt = #line) throws {
        let result = try runUnderstudy(arguments)
        let context = "\(arguments.joined(separator: " ")) -> \(result.status): \(result.stderr.prefix(400))"
        XCTAssertEqual(result.status, 2, context, file: file, line: line)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 1, "one line: \(context)", file: file, line: line)
        let first = lines.first ?? ""
        XCTAssertTrue(first.hasPrefix("understudy: "), context, file: file, line: line)
        XCTAssertTrue(first.contains(message), "the line names it: \(context)", file: file, line: line)
        XCTAssertTrue(first.hasSuffix("(see '\(help)')"), "the line says where help is: \(context)", file: file, line: line)
        XCTAssertFalse(result.stderr.contains("usage:"), "no usage dump: \(context)", file: file, line: line)
        assertNoCrash(result.stdout + result.stderr, context, file: file, line: line)
    }

    func test_mocks_RefusesEveryBadFlagValue() throws {
        let help = "understudy help mocks"
        let bad: [([String], String)] = [
            (["--port"], "--port needs a value"), (["--port", "abc"], "--port must be an integer"),
            (["--port", "70000"], "--port must be an integer"), (["--port", "-1"], "--port must be an integer"),
            (["--port", "65535"], "--port 65535 leaves no room"),
            (["--ports=crm=x"], "--ports takes NAME=PORT"), (["--ports", "nope=1"], "--ports takes NAME=PORT"),
            (["--ports", "crm=70000"], "--ports takes NAME=PORT"), (["--ports="], "--ports must not be empty"),
            (["--only="], "--only must not be empty"), (["--only", ","], "--only needs at least one"),
            (["--only", "crm,nope"], "--only names unknown system 'nope'"),
            (["--definitions", "/nonexistent/defs"], "/nonexistent/defs: (top level): no such file or folder"),
            (["--definitions", path("garbage.txt")], "garbage.txt: (top level):"),
            (["--export-definitions", path("defs-shape")], "defs-shape/crm.json: (top level): exists with other content; not overwritten"),
            (["--export-definitions", path("garbage.txt")], "--export-definitions:"),
            (["--definitions", path("defs-garbage")], "crm.json: (top level): invalid JSON"),
            (["--definitions", path("defs-shape")], "crm.json: routes"),
            (["--journal-capacity", "0"], "--journal-capacity must be an integer"), (["--journal-capacity", "x"], "--journal-capacity"),
            (["--journal", path("garbage.txt")], "--journal: cannot create folder"),
            (["--admin-token="], "--admin-token must not be empty"), (["--admin-token"], "--admin-token needs a value"),
            (["--crm-token="], "--crm-token must not be empty"), (["--ticketing-key", " "], "--ticketing-key must not be empty"),
            (["--webhook-secret="], "--webhook-secret must not be empty"),
            (["--cors="], "--cors must not be empty"), (["--cors", "*,http://a.example"], "--cors: '*' allows every origin"),
            (["--cors", "localhost:3000"], "--cors: 'localhost:3000' is not an origin"),
            (["--cors", "http://a.example/path"], "--cors: 'http://a.example/path' is not an origin"),
            (["--webhook-signature", "stripe"], "--webhook-signature stripe needs --webhook-secret S"),
            (["--webhook-signature", "svix", "--webhook-secret", "s"],
             "--webhook-signature: unknown signature scheme 'svix'; expected one of: hmac, standard-webhooks, stripe, github, slack"),
            (["--webhook-signature="], "--webhook-signature must not be empty"), (["--webhook-signature"], "--webhook-signature needs a value"),
            (["--webhook-signature", "github", "--webhook-secret", "a", "--webhook-secret="], "--webhook-secret must not be empty"),
            (["--webhook-signature", "standard-webhooks", "--webhook-secret", "plain-text-secret"],
             "--webhook-secret: the secret must start with 'whsec_'"),
            (["--webhook-signature", "standard-webhooks", "--webhook-secret", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
              "--webhook-secret", "whsec_c2hvcnQ"], "--webhook-secret: secret 2 of 2 decodes to 5 bytes"),
            (["--only", "crm", "--webhook-signature", "github", "--webhook-secret", "s"],
             "--webhook-signature/--webhook-secret: the webhook system is not running (see --only)"),
            (["--issuer-auth", "nope"], "--issuer-auth names 'nope'"),
            (["--faults", "/nonexistent/faults.json"], "--faults: cannot read '/nonexistent/faults.json'"),
            (["--faults", path("garbage.txt")], "--faults: \(path("garbage.txt")): invalid JSON"),
            (["--faults", path("truncated.json")], "--faults: \(path("truncated.json")): invalid JSON"),
            (["--faults", path("array.json")], "expected an object of system name"),
            (["--faults", path("faults-nosystem.json")], "no running system named 'nope'"),
            (["--faults", path("faults-notarray.json")], "crm must be an array of rules"),
            (["--faults", path("faults-badrule.json")], "crm[0]"),
            (["--fault-seed", "-1"], "--fault-seed must be an integer"), (["--fault-seed", "x"], "--fault-seed"),
            (["--loops", "0"], "--loops must be an integer 1-256"), (["--loops", "x"], "--loops"),
            (["--host="], "--host must not be empty"), (["--host", "nonexistent.invalid"], "cannot resolve host 'nonexistent.invalid'"),
            (["--bogus"], "unknown option --bogus"), (["stray"], "unexpected argument 'stray'"),
        ]
        for (arguments, message) in bad + badServerFlags {
            try assertRefused(["mocks", "--loops", "1"] + arguments, message, help: help)
        }
    }

    func test_serve_RefusesEveryBadFlagValue() throws {
        let help = "understudy help serve"
        let bad: [([String], String)] = [
            (["--dialect", "vapi"], "--dialect must be feather or oneinbox"), (["--dialect"], "--dialect needs a value"),
            (["--port", "x"], "--port must be an integer"), (["--port", "65536"], "--port must be an integer"),
            (["--loops", "0"], "--loops must be an integer"), (["--loops", "257"], "--loops must be an integer"),
            (["--api-key"], "--api-key needs a value"), (["--api-key="], "--api-key must not be empty"),
            (["--api-key", " "], "--api-key must not be empty"),
            (["--data="], "--data must name a file"), (["--data", folder.path], "--data: '\(folder.path)' is a folder"),
            (["--data", path("garbage.txt")], "--data: cannot load tool server data file \(path("garbage.txt"))"),
            (["--data", path("data-shape.json")], "--data: cannot load tool server data file \(path("data-shape.json"))"),
            (["--host="], "--host must not be empty"), (["--host", "nonexistent.invalid"], "cannot resolve host 'nonexistent.invalid'"),
            (["--host", "192.0.2.1"], "--host/--port: cannot listen"),
            (["--ca-file", "/nonexistent/ca.pem"], "--ca-file: invalid client configuration: configuration.trustedCAFile: cannot load trusted CA certificates (PEM) from '/nonexistent/ca.pem'"),
            (["--ca-file", path("garbage.txt")], "--ca-file: invalid client configuration: configuration.trustedCAFile"),
            (["--ca-file="], "--ca-file must not be empty"),
            (["--bogus"], "unknown option --bogus"), (["stray"], "unexpected argument 'stray'"),
        ]
        for (arguments, message) in bad + badServerFlags { try assertRefused(["serve"] + arguments, message, help: help) }
    }

    /// The server flags `mocks` and `serve` share.
    private var badServerFlags: [([String], String)] { [
        (["--idle-timeout", "0"], "--idle-timeout must be a number of seconds 0.05-86400, got '0'"),
        (["--idle-timeout", "inf"], "--idle-timeout must be a number of seconds"), (["--idle-timeout", "1m"], "got '1m'"),
        (["--header-timeout", "-1"], "--header-timeout must be a number of seconds"), (["--header-timeout"], "--header-timeout needs a value"),
        (["--header-timeout", "nan"], "--header-timeout must be a number of seconds"),
        (["--max-connections", "0"], "--max-connections must be an integer 1-1000000"), (["--max-connections", "x"], "--max-connections"),
        (["--max-body-bytes", "-5"], "--max-body-bytes must be an integer"), (["--max-body-bytes", "1e6"], "--max-body-bytes"),
        (["--tls-cert", "/nonexistent/c.pem"], "--tls-cert needs --tls-key FILE"),
        (["--tls-key", "/nonexistent/k.pem"], "--tls-key needs --tls-cert FILE"),
        (["--tls-cert", "/nonexistent/c.pem", "--tls-key", "/nonexistent/k.pem"],
         "--tls-cert/--tls-key: cannot load the certificate chain (PEM) from '/nonexistent/c.pem'"),
        (["--tls-cert", path("garbage.txt"), "--tls-key", path("garbage.txt")],
         "--tls-cert/--tls-key: cannot load the certificate chain (PEM) from '\(path("garbage.txt"))'"),
        (["--tls", "--tls-cert", path("garbage.txt"), "--tls-key", path("garbage.txt")], "use one way"),
        (["--tls-dir", path("garbage.txt")], "--tls: "), (["--tls-dir="], "--tls-dir must not be empty"),
    ] }

    func test_clean_RefusesEveryBadFlagValue() throws {
        let help = "understudy help clean"
        let bad: [([String], String)] = [
            ([], "--target URL is required"), (["--target", "ftp://x", "--prefix", "us123456_"], "--target must be an http:// or https:// URL"),
            (["--target", "http://127.0.0.1:9"], "--prefix PREFIX is required"),
            (["--target", "http://127.0.0.1:9", "--prefix", "us"], "--prefix must have at least 4 characters"),
            (["--target", "http://127.0.0.1:9", "--prefix", "us123456_"], "--target needs --api-key"),
            (["--target", "http://127.0.0.1:9", "--prefix="], "--prefix must not be empty"),
            (["--dialect", "x"], "--dialect must be feather or oneinbox"), (["--bogus"], "unknown option --bogus"),
        ]
        for (arguments, message) in bad { try assertRefused(["clean"] + arguments, message, help: help) }
    }

    func test_run_RefusesEveryBadFlagValue() throws {
        let help = "understudy help run"
        let bad: [([String], String)] = [
            (["--jobs", "0"], "--jobs must be an integer 1-256"), (["--jobs", "abc"], "--jobs"), (["--jobs"], "--jobs needs a value"),
            (["--dialect", "klingon"], "--dialect must be feather or oneinbox"),
            (["--timeout-scale", "0"], "--timeout-scale must be a number"), (["--timeout-scale", "nan"], "--timeout-scale"),
            (["--timeout-scale", "21"], "--timeout-scale"),
            (["--target"], "--target needs a value"), (["--target", "http://127.0.0.1:9"], "--target needs --api-key"),
            (["--target", "ftp://x", "--api-key", "k"], "--target must be an http:// or https:// URL"),
            (["--ca-file", "/nonexistent/ca.pem"], "--ca-file is for an https --target"),
            (["--target", "https://127.0.0.1:9", "--api-key", "k", "--ca-file", "/nonexistent/ca.pem"],
             "--ca-file: cannot load trusted CA certificates (PEM) from '/nonexistent/ca.pem'"),
            (["--mock-tls-dir", path("garbage.txt")], "--mock-tls: "), (["--mock-tls-dir="], "--mock-tls-dir must not be empty"),
            (["--api-key", "k"], "--api-key is for --target"),
            (["--capabilities", "teleport"], "--capabilities: unknown capability 'teleport'"),
            (["--capabilities", path("caps.txt")], "--capabilities: unknown capability 'teleport'"),
            (["--capabilities", path("caps.json")], "--capabilities: unknown capability 'warp'"),
            (["--capabilities", folder.path], "--capabilities: cannot read \(folder.path)"),
            (["--baseline", "/nonexistent/baseline.txt"], "cannot read baseline"),
            (["--baseline", path("garbage.txt")], "\(path("garbage.txt")):1"),
            (["--rerun-failed", "/nonexistent/run.json"], "--rerun-failed: no such file: /nonexistent/run.json"),
            (["--rerun-failed", path("garbage.txt")], "--rerun-failed: \(path("garbage.txt")) is not a run report"),
            (["--rerun-failed", path("schema99.json")], "--rerun-failed: \(path("schema99.json")) is not a run report"),
            (["--only", ","], "--only needs at least one pattern"), (["--skip", ","], "--skip needs at least one pattern"),
            (["--format", "json,xml"], "--format:"), (["--format="], "--format:"),
            (["--report-dir", path("garbage.txt")], "--report-dir: '\(path("garbage.txt"))' is a file"),
            (["--mock-host", "nonexistent.invalid"], "--mock-host: cannot listen on 'nonexistent.invalid'"),
            (["--quiet=yes"], "unexpected argument 'yes'"), (["--bogus"], "unknown option --bogus"),
        ]
        for (arguments, message) in bad { try assertRefused(["run"] + arguments, message, help: help) }
    }

    func test_casesReportContractAndNoCommand_RefuseBadInput() throws {
        let bad: [([String], String, String)] = [
            (["cases", "--dialect", "x"], "--dialect must be feather or oneinbox", "understudy help cases"),
            (["cases", "--dialect"], "--dialect needs a value", "understudy help cases"),
            (["cases", "--json", "x"], "unexpected argument 'x'", "understudy help cases"),
            (["cases", "--bogus"], "unknown option --bogus", "understudy help cases"),
            (["report"], "report needs the path of a run.json", "understudy help report"),
            (["report", "/nonexistent/run.json"], "no such file: /nonexistent/run.json", "understudy help report"),
            (["report", folder.path], "cannot read \(folder.path): it is a directory", "understudy help report"),
            (["report", path("garbage.txt")], "\(path("garbage.txt")) is not a run report", "understudy help report"),
            (["report", path("object.json")], "\(path("object.json")) is not a run report", "understudy help report"),
            (["report", path("schema99.json")], "unsupported schema_version 99", "understudy help report"),
            (["report", path("object.json"), "--format", "xml"], "--format:", "understudy help report"),
            (["report", path("object.json"), "--format"], "--format needs a value", "understudy help report"),
            (["report", "a.json", "b.json"], "unexpected argument 'b.json'", "understudy help report"),
            (["report", "a.json", "--bogus"], "unknown option --bogus", "understudy help report"),
            (["contract", "--openapi"], "contract --openapi takes one of", "understudy help"),
            (["contract", "--openapi", "vapi"], "contract --openapi takes one of", "understudy help"),
            (["contract", "--json"], "contract takes no arguments", "understudy help"),
            (["frobnicate"], "unknown command 'frobnicate'", "understudy help"),
            (["--port", "1"], "unknown command '--port'", "understudy help"),
            ([], "a command is required", "understudy help"),
        ]
        for (arguments, message, help) in bad { try assertRefused(arguments, message, help: help) }
    }

    func test_run_AgainstAPlainWebServer_Exits2_WithOneLineSayingItIsNotAToolServer() throws {
        let page = HTTPServer(configuration: .oneLoop) { _, writer in
            var response = HTTPResponse(status: 200, body: Array("<!DOCTYPE html>\n<html>\n<body>\nHello\n</body>\n</html>\n".utf8))
            response.headers.add("Content-Type", "text/html")
            writer.respond(response)
        }
        try page.start()
        defer { page.stop(gracePeriod: .seconds(1)) }
        let key = "planted-key-\(UUID().uuidString)"
        let result = try runUnderstudy(["run", "--target", page.baseURL ?? "", "--api-key", key, "--report-dir", folder.path])
        XCTAssertEqual(result.status, 2, result.stderr)
        XCTAssertTrue(result.stderr.contains("does not look like a feather tool server"), result.stderr)
        XCTAssertEqual(result.stderr.split(separator: "\n").count, 1, "one line: \(result.stderr)")
        XCTAssertFalse((result.stdout + result.stderr).contains(key))
        assertNoCrash(result.stdout + result.stderr, "run --target <web page>")
    }

    func test_mocksAndServe_OnAPortInUse_Exit2_WithAClearMessage() throws {
        let holder = HTTPServer(configuration: .oneLoop) { _, writer in writer.respond(HTTPResponse(status: 204)) }
        try holder.start()
        defer { holder.stop(gracePeriod: .seconds(1)) }
        let port = String(holder.port ?? 0)
        for arguments in [["mocks", "--only", "crm", "--port", port], ["mocks", "--ports", "crm=\(port)", "--only", "crm"],
                          ["serve", "--port", port]] {
            let result = try runUnderstudy(arguments)
            XCTAssertEqual(result.status, 2, "\(arguments): \(result.stderr)")
            let first = result.stderr.split(separator: "\n").first ?? ""
            XCTAssertTrue(first.contains("cannot listen") && first.contains(":\(port)") && first.contains("Address already in use"),
                          "\(arguments): \(result.stderr)")
            assertNoCrash(result.stdout + result.stderr, "\(arguments)")
        }
    }
}

extension HTTPServer.Configuration {
    /// Loopback, a free port, one event loop.
    static var oneLoop: HTTPServer.Configuration {
        var configuration = HTTPServer.Configuration()
        configuration.loopCount = 1
        return configuration
    }
}

/// Fails when `output` shows a crash: a Swift runtime trap, a stack trace or a backtrace banner.
func assertNoCrash(_ output: String, _ context: String, file: StaticString = #filePath, line: UInt = #line) {
    for marker in ["Fatal error", "Current stack trace", "💣", "Stack dump", "Illegal instruction", "Segmentation fault"] {
        XCTAssertFalse(output.contains(marker), "\(marker): \(context)", file: file, line: line)
    }
}
