// `understudy run`: certify a tool server (or, with no --target, the built-in reference server) and write reports.
import ToolContract
import Conformance
import Foundation
import HTTPWire
import JSONModel
import ReferenceToolServer
import RunReports

enum RunCommand {
    static let usage = """
    usage: understudy run [--target URL --api-key KEY] [options]

    Runs the conformance suite against a tool server and writes reports. With no --target it starts the
    reference tool server in-process (all capabilities) and certifies it.

    options:
      --target URL            the tool server's base URL (http://host:port or https://host:port)
      --ca-file FILE          trust the CA certificates in FILE (PEM) for an https target, besides the system store
      --api-key KEY           its API key (required with --target; or set UNDERSTUDY_API_KEY); never printed
      --dialect NAME          feather (default) or oneinbox
      --capabilities LIST     optional features the target has, comma separated, `all` or `none`, or a FILE
                              holding such a list or a JSON array: \(Capability.allCases.map(\.rawValue).joined(separator: ", "))
                              (default: none with --target, all for the reference server)
      --only PATTERNS         run only matching cases (comma separated: an id, an id prefix such as `retry`, or a glob)
      --skip PATTERNS         leave matching cases out
      --rerun-failed REPORT   run only the cases that failed, errored or were non-strict in REPORT (a run.json)
      --compare-to REPORT     compare with an earlier run (a run.json): summary.md and report.html get the diff,
                              diff.json is written beside run.json; the exit status stays this run's own
                              (`understudy report diff` is the gate for "no new failures")
      --baseline FILE         expected failures, one case id per line (`#` comments); they do not fail the run,
                              but a listed case that passes makes the baseline stale and fails the run
      --jobs N                cases run at once (default 32)
      --report-dir DIR        where reports go (default Reports)
      --format LIST           json,junit,md,html (default: all four); json is always written
      --mock-host HOST        where the case mocks listen (default 127.0.0.1)
      --advertise-host HOST   the host the target is told to reach the mocks on (default: --mock-host)
      --mock-tls              the case mocks serve https (tool URLs become https://) with a certificate from a private
                              CA; its certificate is written to the report folder as mock-ca.pem for the target to trust
      --mock-tls-dir DIR      keep that CA in DIR (implies --mock-tls); a CA already there is reused, so a target set
                              up once to trust it keeps trusting it (default: a new temporary folder)
      --timeout-scale X       multiply the runner's deadlines and tolerances (0.5-20, default 1)
      --keep-tools            keep the tools the cases create (for debugging); by default each case deletes its own
                              when it ends, whatever its outcome, and any that could not be deleted are listed
      --quiet                 print only the verdict and the report paths
      --json                  print only the run summary, as one JSON object (certified, passed, failed, errors,
                              skipped, non_strict, total, the report paths); errors still go to stderr
      --github                append summary.md to $GITHUB_STEP_SUMMARY and write certified, passed and failed to
                              $GITHUB_OUTPUT (on by itself when GITHUB_ACTIONS=true)

    exit status: 0 every MUST case passed (or is baselined); 1 a MUST case failed or errored, or the baseline is
    stale; 2 usage error, or the target could not be reached or is not a tool server.
    """

    /// Parses the flags, runs, writes reports; exits with the run's status.
    static func run(_ arguments: [String]) throws -> Never {
        var reader = ArgumentReader(arguments)
        let target = try reader.value("--target")
        let apiKeyFlag = try reader.value("--api-key")
        let dialect = try dialect(reader.value("--dialect") ?? "feather")
        let capabilityText = try reader.value("--capabilities")
        let only = try patterns(reader.value("--only"), "--only")
        let skip = try patterns(reader.value("--skip"), "--skip")
        let rerunPath = try reader.value("--rerun-failed")
        let comparePath = try reader.value("--compare-to")
        let baselinePath = try reader.value("--baseline")
        let jobs = try reader.integer("--jobs", in: 1...256)
        let reportDirectory = try reader.value("--report-dir") ?? "Reports"
        var formats = try reader.reportFormats(for: "run report", defaults: ReportFormat.allCases)
        if !formats.contains(.json) { formats.insert(.json, at: 0) }  // run.json is always written
        let mockHost = try reader.value("--mock-host") ?? "127.0.0.1"
        let advertiseHost = try reader.value("--advertise-host")
        let targetCAFile = try reader.nonEmptyValue("--ca-file")
        let mockTLSFolder = try reader.nonEmptyValue("--mock-tls-dir")
        let mockTLS = reader.flag("--mock-tls") || mockTLSFolder != nil
        let timeoutScale = try scale(reader.value("--timeout-scale"))
        let ci = RunCIOutput(githubFlag: reader.flag("--github"), json: reader.flag("--json"))
        let quiet = reader.flag("--quiet") || ci.json
        let keepTools = reader.flag("--keep-tools")
        try reader.finish()

        let apiKey = apiKeyFlag ?? ProcessInfo.processInfo.environment["UNDERSTUDY_API_KEY"]
        if target != nil, apiKey?.isEmpty ?? true { throw UsageError(message: "--target needs --api-key KEY (or UNDERSTUDY_API_KEY)") }
        if target == nil, apiKeyFlag != nil { throw UsageError(message: "--api-key is for --target; the reference server makes its own") }
        if let target, !(target.hasPrefix("http://") || target.hasPrefix("https://")) {
            throw UsageError(message: "--target must be an http:// or https:// URL, got '\(target)'")
        }
        if target == nil, targetCAFile != nil { throw UsageError(message: "--ca-file is for an https --target") }
        if let targetCAFile {
            do { _ = try TLSClientContext(trustedCAFile: targetCAFile) } catch { throw UsageError(message: "--ca-file: \(error)") }
        }
        try checkReportDirectory(reportDirectory)
        var earlier: RunReport?
        if let comparePath {
            do { earlier = try ReportCommand.read(comparePath) } catch { throw UsageError(message: "--compare-to: \(error.message)") }
        }
        try checkMockHost(mockHost)
        let mockServerTLS = try mockTLS ? mockCertificate(folder: mockTLSFolder, names: [mockHost, advertiseHost ?? mockHost],
                                                          reportDirectory: reportDirectory, quiet: quiet) : nil
        defer { mockServerTLS?.removeTemporaryFolder() }  // on a thrown usage error
        /// Exits with `code` once the mocks' temporary CA (if any) is removed: `exit` skips `defer`.
        func finish(_ code: Int32) -> Never {
            mockServerTLS?.removeTemporaryFolder()
            exit(code)
        }
        let capabilities = try capabilityText.map(parseCapabilities) ?? (target == nil ? Set(Capability.allCases) : [])

        // The in-process reference server, when no target is given.
        var reference: ToolServer?
        defer { reference?.stop() }
        var configuration: RunConfiguration
        if let target, let apiKey {
            configuration = RunConfiguration(target: target, apiKey: apiKey)
        } else {
            var serverConfiguration = ToolServer.Configuration(apiKey: ToolServer.generateAPIKey())
            serverConfiguration.dialect = dialect
            serverConfiguration.trustedCAFile = mockServerTLS?.caFile
            let server = try ToolServer(configuration: serverConfiguration)
            try server.start()
            reference = server
            configuration = RunConfiguration(target: server.baseURL ?? "", apiKey: serverConfiguration.apiKey)
            configuration.targetLabel = "reference tool server (in-process, \(dialect.rawValue))"
        }
        configuration.dialect = dialect
        configuration.capabilities = capabilities
        configuration.only = only
        configuration.skip = skip
        if let jobs { configuration.jobs = jobs }
        configuration.mockHost = mockHost
        configuration.advertiseHost = advertiseHost
        configuration.targetCAFile = targetCAFile
        configuration.mockTLS = mockServerTLS?.context
        configuration.timeoutScale = timeoutScale
        configuration.keepTools = keepTools
        let knownIDs = Set(Catalogue.all.map(\.id))
        if let baselinePath {
            do { configuration.baseline = try Baseline.load(path: baselinePath, knownIDs: knownIDs) } catch {
                throw UsageError(message: error.message)
            }
        }
        if let rerunPath {
            configuration.caseIDs = try failedCases(in: rerunPath)
            if configuration.caseIDs?.isEmpty == true {
                print("\(rerunPath) has no failed, errored or non-strict cases: nothing to re-run")
                finish(0)
            }
        }

        let runner = ConformanceRunner(configuration: configuration)
        let progress = RunProgress(quiet: quiet, redactor: runner.redactor)
        if !quiet, target != nil {
            progress.line("tools this run creates are named \(configuration.toolPrefix)*; if the run is interrupted, remove what "
                + "it left with: understudy clean --target \(configuration.target) --prefix \(configuration.toolPrefix)")
        }
        let outcome = waitFor { () async -> Result<RunReport, RunSetupError> in
            do throws(RunSetupError) { return .success(try await runner.run(progress: progress.finished)) } catch { return .failure(error) }
        }
        reference?.stop()
        let report: RunReport
        switch outcome {
        case let .success(finished): report = finished
        case let .failure(error):
            // One line, whatever the target answered (an HTML page, say).
            let message = runner.redactor.redact(error.message).split(whereSeparator: \.isWhitespace).joined(separator: " ")
            Terminal.error("understudy run: \(message)\n")
            finish(2)
        }
        do {
            let written = try ReportWriter.write(report, formats: formats, to: URL(fileURLWithPath: reportDirectory),
                                                 redactor: runner.redactor, comparedWith: earlier)
            if ci.github {
                // The summary as written (with --compare-to's diff), or rendered when md was not asked for.
                let markdown = written.first { $0.lastPathComponent == "summary.md" }
                    .flatMap { try? String(contentsOf: $0, encoding: .utf8) } ?? runner.redactor.redact(report.markdown)
                for line in try RunCIOutput.publishToGitHub(report, markdown: markdown) where !ci.json { progress.line(line) }
            }
            if ci.json {
                Terminal.out(runner.redactor.redact(RunCIOutput.summaryJSON(report, reports: written).jsonText) + "\n")
                finish(report.certified ? 0 : 1)
            }
            for url in written { progress.line("report: \(url.path)") }
        } catch {
            Terminal.error("understudy run: cannot write reports: \(error)\n")
            finish(2)
        }
        // The verdict is the last line, after the report paths.
        progress.summary(report, keptTools: keepTools)
        finish(report.certified ? 0 : 1)
    }

    /// The case mocks' certificate from the private CA in `folder`, with the CA copied beside the reports as
    /// `mock-ca.pem` (named on the terminal) for the target to trust.
    private static func mockCertificate(folder: String?, names: [String], reportDirectory: String,
                                        quiet: Bool) throws(UsageError) -> TLSFlags.Server {
        let server = try TLSFlags.server(.privateCA(folder: folder), names: names, flag: "--mock-tls")
        guard let caFile = server.caFile else { return server }
        let copy = URL(fileURLWithPath: reportDirectory).appendingPathComponent("mock-ca.pem")
        do {
            try FileManager.default.createDirectory(atPath: reportDirectory, withIntermediateDirectories: true)
            if FileManager.default.fileExists(atPath: copy.path) { try FileManager.default.removeItem(at: copy) }
            try FileManager.default.copyItem(atPath: caFile, toPath: copy.path)
        } catch {
            throw UsageError(message: "--mock-tls: cannot write \(copy.path): \(error.localizedDescription)")
        }
        print("mock CA: \(copy.path) (the target must trust it to reach the https mocks)")
        return server
    }

    /// Fails before anything runs when `--report-dir` names an existing file.
    private static func checkReportDirectory(_ path: String) throws(UsageError) {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue {
            throw UsageError(message: "--report-dir: '\(path)' is a file, not a folder")
        }
    }

    /// Fails before anything runs when the case mocks could not listen on `--mock-host`.
    private static func checkMockHost(_ host: String) throws(UsageError) {
        var settings = HTTPServer.Configuration()
        settings.host = host
        settings.loopCount = 1
        let probe = HTTPServer(configuration: settings) { _, writer in writer.respond(HTTPResponse(status: 404)) }
        do { try probe.start() } catch { throw UsageError(message: "--mock-host: cannot listen on '\(host)': \(error)") }
        probe.stop(gracePeriod: .zero)
    }

    static func dialect(_ name: String) throws(UsageError) -> Dialect {
        guard let dialect = Dialect(rawValue: name) else {
            throw UsageError(message: "--dialect must be feather or oneinbox, got '\(name)'")
        }
        return dialect
    }

    /// A capability list, `all`, `none`, or a file holding a list or a JSON array.
    static func parseCapabilities(_ text: String) throws(UsageError) -> Set<Capability> {
        var list = text
        if FileManager.default.fileExists(atPath: text) {
            guard let contents = try? String(contentsOfFile: text, encoding: .utf8) else {
                throw UsageError(message: "--capabilities: cannot read \(text)")
            }
            if let json = try? JSONValue.parse(contents), let items = json.arrayValue {
                list = items.compactMap(\.stringValue).joined(separator: ",")
            } else {
                list = contents
            }
        }
        let names = list.split { $0 == "," || $0.isWhitespace }.map(String.init)
        if names == ["all"] { return Set(Capability.allCases) }
        if names == ["none"] || names.isEmpty { return [] }
        var capabilities = Set<Capability>()
        for name in names {
            guard let capability = Capability(rawValue: name) else {
                throw UsageError(message: "--capabilities: unknown capability '\(name)'; known: \(Capability.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            capabilities.insert(capability)
        }
        return capabilities
    }

    private static func patterns(_ text: String?, _ flag: String) throws(UsageError) -> [String] {
        guard let text else { return [] }
        let list = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if list.isEmpty { throw UsageError(message: "\(flag) needs at least one pattern") }
        return list
    }

    private static func scale(_ text: String?) throws(UsageError) -> Double {
        guard let text else { return 1 }
        guard let value = Double(text), value >= 0.5, value <= 20 else {
            throw UsageError(message: "--timeout-scale must be a number 0.5-20, got '\(text)'")
        }
        return value
    }

    /// The ids of the cases that did not pass in a report.
    private static func failedCases(in path: String) throws(UsageError) -> Set<String> {
        let report: RunReport
        do { report = try ReportCommand.read(path) } catch { throw UsageError(message: "--rerun-failed: \(error.message)") }
        return Set(report.results.filter { [.fail, .error, .nonStrict].contains($0.outcome) }.map(\.id))
    }
}

/// Runs async work from the synchronous command line and waits for it (the main thread is not a pool thread).
func waitFor<T: Sendable>(_ work: @escaping @Sendable () async -> T) -> T {
    let done = DispatchSemaphore(value: 0)
    let box = ResultBox<T>()
    Task {
        box.value = await work()
        done.signal()
    }
    done.wait()
    return box.value!
}

private final class ResultBox<T>: @unchecked Sendable {
    var value: T?
}
