// `understudy clean`: removes the tools earlier runs left on a target (an interrupted run), found by their name prefix.
import HTTPWire
import JSONModel

/// Finds the tools whose name starts with a run's prefix and deletes them.
public enum ToolCleanup {
    /// What a clean-up found and did, as `(id, name)` pairs.
    public struct Outcome: Sendable {
        /// Tools whose name has the prefix (all of them deleted unless `dryRun`, or listed in `failed`).
        public var matching: [(id: String, name: String)] = []
        /// Tools whose delete was not answered 2xx or 404.
        public var failed: [(id: String, name: String)] = []
    }

    /// The shortest prefix accepted: a shorter one could name other people's tools.
    public static let minimumPrefixLength = 4

    /// Lists every tool of the target (following pages) and deletes those whose name starts with `prefix`, a few at a
    /// time; with `dryRun` only lists them.
    /// - Parameter configuration: the target, key, dialect and CA file (`--target`, `--api-key`, `--dialect`, `--ca-file`).
    /// - Throws: `RunSetupError` when the target cannot be reached or listed, or the prefix is too short.
    public static func run(prefix: String, configuration: RunConfiguration, dryRun: Bool) async throws(RunSetupError) -> Outcome {
        guard prefix.count >= minimumPrefixLength else {
            throw RunSetupError("a prefix of at least \(minimumPrefixLength) characters is needed (a run prints its own, e.g. us3fa9c1_)")
        }
        let client = try CaseEnvironment.targetClient(configuration)
        defer { client.shutdown() }
        let environment = CaseEnvironment(configuration, client: client, redactor: Redactor([configuration.apiKey]))
        _ = try await TargetProbe.check(environment)
        let context = CaseContext(environment: environment)
        let tools: [JSONValue]
        do { tools = try await context.listedTools() } catch { throw RunSetupError("listing the tools failed: \(error)") }
        var outcome = Outcome()
        outcome.matching = tools.compactMap { tool in
            guard let id = tool["id"]?.stringValue, let name = tool["name"]?.stringValue, name.hasPrefix(prefix) else { return nil }
            return (id, name)
        }
        guard !dryRun else { return outcome }
        let names = Dictionary(outcome.matching.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let failedIDs = await CaseContext.failing(outcome.matching.map(\.id)) { id in
            guard case let .success(answer) = await context.attempt("DELETE", "/v1/tools/\(id)") else { return false }
            return (200..<300).contains(answer.status) || answer.status == 404
        }
        outcome.failed = failedIDs.map { ($0, names[$0] ?? "") }
        return outcome
    }
}
