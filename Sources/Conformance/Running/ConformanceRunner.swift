// Drives a target through the selected cases, concurrently, each with its own mocks and deadline.
import Foundation
import HTTPWire
import JSONModel

/// The suite's version, stamped into every report.
public enum ConformanceSuite {
    public static let version = "0.5.0"
}

/// A run that could not start: nothing was judged (exit code 2).
public struct RunSetupError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Runs the catalogue against one target.
public final class ConformanceRunner: Sendable {
    public let configuration: RunConfiguration
    public let catalogue: [ConformanceCase]
    /// Every secret of the run (the API key and each case's planted values); the report writers check against it.
    public let redactor: Redactor

    public init(configuration: RunConfiguration, catalogue: [ConformanceCase] = Catalogue.all, redactor: Redactor = Redactor()) {
        self.configuration = configuration
        self.catalogue = catalogue
        self.redactor = redactor
        redactor.add(configuration.apiKey)
    }

    /// Runs the selected cases and returns the report.
    /// - Parameter progress: called once per finished case (skips first), with the count finished and the total.
    /// - Throws: `RunSetupError` when the contract cannot be read or the target does not answer like a tool server.
    public func run(progress: @escaping @Sendable (CaseResult, Int, Int) -> Void = { _, _, _ in }) async throws(RunSetupError) -> RunReport {
        let startedAt = Date()
        let started = MonotonicClock.now()
        let contract: ContractDocument
        do {
            contract = try ContractDocument.shipped()
        } catch {
            throw RunSetupError("cannot read the contract: \(error)")
        }
        let rules = contract.rulesByID
        let client = try CaseEnvironment.targetClient(configuration)
        defer { client.shutdown() }
        var probed = CaseEnvironment(configuration, client: client, redactor: redactor)
        probed.roundTrip = try await TargetProbe.check(probed)
        let environment = probed

        let selected = catalogue.filter { CaseSelection.includes($0, configuration) }
        let total = selected.count
        var finished = 0
        var results: [String: CaseResult] = [:]
        var runnable: [(ConformanceCase, CaseResult)] = []
        for testCase in selected {
            let blank = Self.blankResult(testCase, rule: rules[testCase.rule])
            if let missing = CaseSelection.missingCapability(blank.capability, declared: configuration.capabilities) {
                var skipped = blank
                skipped.outcome = .skipped
                skipped.message = "capability '\(missing)' not declared (--capabilities)"
                results[testCase.id] = skipped
                finished += 1
                progress(skipped, finished, total)
            } else if rules[testCase.rule] == nil {
                var broken = blank
                broken.outcome = .error
                broken.message = "the case names rule '\(testCase.rule)', which the contract does not have"
                results[testCase.id] = broken
                finished += 1
                progress(broken, finished, total)
            } else {
                runnable.append((testCase, blank))
            }
        }
        // Longest critical paths (waits plus round trips to this target) first, so they overlap everything else.
        let roundTripMs = environment.roundTrip.medianMs
        runnable.sort { $0.0.criticalPath(roundTripMs: roundTripMs) > $1.0.criticalPath(roundTripMs: roundTripMs) }
        let runDeadline = MonotonicClock.deadline(configuration.runDeadline.scaled(by: configuration.timeoutScale),
                                                  after: MonotonicClock.now())
        let jobs = max(1, configuration.jobs)
        await withTaskGroup(of: CaseResult.self) { group in
            var next = 0
            func startNext() {
                guard next < runnable.count else { return }
                let (testCase, blank) = runnable[next]
                next += 1
                group.addTask { await self.judge(testCase, blank, environment: environment, runDeadline: runDeadline) }
            }
            for _ in 0..<min(jobs, runnable.count) { startNext() }
            for await result in group {
                results[result.id] = result
                finished += 1
                progress(result, finished, total)
                startNext()
            }
        }

        var ordered = selected.compactMap { results[$0.id] }
        var stale: [String] = []
        if let baseline = configuration.baseline {
            for index in ordered.indices where baseline.caseIDs.contains(ordered[index].id) {
                switch ordered[index].outcome {
                case .fail, .error, .nonStrict: ordered[index].baselined = true
                case .pass: stale.append(ordered[index].id)
                case .skipped: break
                }
            }
        }
        let longestWait = runnable.map(\.0.wait).max() ?? .zero
        let longestPath = runnable.map { $0.0.criticalPath(roundTripMs: roundTripMs) }.max() ?? .zero
        return RunReport(
            suiteVersion: ConformanceSuite.version, contract: contract.title, target: configuration.target,
            targetLabel: configuration.targetLabel ?? configuration.target, dialect: configuration.dialect.rawValue,
            capabilities: configuration.capabilities.sorted().map(\.rawValue), startedAt: startedAt,
            durationMs: MonotonicClock.elapsed(since: started).inMilliseconds, longestCaseWaitMs: longestWait.inMilliseconds,
            jobs: jobs, timeoutScale: configuration.timeoutScale, baselineFile: configuration.baseline?.path,
            staleBaseline: stale, results: ordered, targetRoundTrip: environment.roundTrip,
            longestCriticalPathMs: longestPath.inMilliseconds)
    }

    /// Runs one case under its deadline and turns how it ended into a result.
    private func judge(_ testCase: ConformanceCase, _ blank: CaseResult, environment: CaseEnvironment,
                       runDeadline: UInt64) async -> CaseResult {
        let context = CaseContext(environment: environment, rule: testCase.rule)
        let own = (testCase.wait + configuration.caseDeadline).scaled(by: configuration.timeoutScale)
        let outcome = await runBounded(deadline: { min(context.deadline(own: own), runDeadline) }) {
            try await testCase.run(context)
        }
        context.end()
        context.stopMocks()
        var result = blank
        result.durationMs = context.elapsedMs
        if case let .finished(.failure(failure as CaseFailure)) = outcome { context.note(failure) }
        let log = context.checkLog
        result.checks = log.results.map { $0.redacted(by: environment.redactor) }
        switch outcome {
        case .finished(.success), .finished(.failure(is CaseFailure)):
            guard let failure = log.firstFailure else {
                result.outcome = .pass
                break
            }
            result.outcome = blank.level == .must ? .fail : .nonStrict
            result.evidence = context.evidence(expectation: failure.expectation, observed: failure.observed ?? "")
            let others = log.failures - 1
            result.message = "expected \(result.evidence?.expectation ?? ""); \(result.evidence?.observed ?? "")"
                + (others > 0 ? " (and \(others) more unmet expectation\(others == 1 ? "" : "s"))" : "")
        case let .finished(.failure(error)):
            let message = (error as? CaseSetupError)?.message ?? "unexpected error: \(error)"
            result.outcome = .error
            result.evidence = context.evidence(expectation: "the case can run to its verdict", observed: message)
            result.message = result.evidence?.observed
        case .deadlinePassed:
            result.outcome = .error
            result.evidence = context.evidence(expectation: "the case finishes within its deadline",
                                               observed: deadlineMessage(testCase, context: context, own: own,
                                                                         runDeadline: runDeadline))
            result.message = result.evidence?.observed
        }
        result.leftoverTools = configuration.keepTools ? context.toolsCreated : await context.removeCreatedTools()
        result.durationMs = context.elapsedMs  // the clean-up is the case's work too
        return result
    }

    /// Which deadline stopped a case, what it was made of, and the flag that moves it.
    private func deadlineMessage(_ testCase: ConformanceCase, context: CaseContext, own: Duration, runDeadline: UInt64) -> String {
        let scale = CaseContext.seconds(configuration.timeoutScale)
        if MonotonicClock.now() >= runDeadline {
            return "stopped at the run deadline (\(CaseContext.seconds(configuration.runDeadline)) s × --timeout-scale \(scale)); "
                + "raise --timeout-scale, or run fewer cases with --only"
        }
        let use = context.targetUse
        return "stopped at the case deadline: the suite's own time in this case passed \(CaseContext.seconds(own)) s "
            + "(its declared wait \(CaseContext.seconds(testCase.wait)) s + \(CaseContext.seconds(configuration.caseDeadline)) s, "
            + "× --timeout-scale \(scale)), besides \(CaseContext.seconds(use.busy)) s waiting on \(use.requests) answers "
            + "from the target; the case's own waits did not end (raise --timeout-scale if the target is slow but working)"
    }

    private static func blankResult(_ testCase: ConformanceCase, rule: ContractRule?) -> CaseResult {
        CaseResult(id: testCase.id, title: testCase.title, area: testCase.area, rule: testCase.rule,
                   level: rule?.level ?? .must, source: rule?.source ?? "?",
                   capability: testCase.capability?.rawValue ?? rule?.capability, outcome: .error, durationMs: 0)
    }
}
