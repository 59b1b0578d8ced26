// What a run is pointed at and how it runs.
import ToolContract
import HTTPWire

/// Settings of one conformance run (the flags of `understudy run`).
public struct RunConfiguration: Sendable {
    /// The target's base URL (`http://127.0.0.1:8080`), without a trailing slash.
    public var target: String
    /// The target's API key; redacted everywhere.
    public var apiKey: String
    /// What the report calls the target (defaults to the URL).
    public var targetLabel: String?
    public var dialect: Dialect = .feather
    /// The optional features the target declares; cases needing others are skipped.
    public var capabilities: Set<Capability> = []
    /// Case selection: a case runs when it matches some `only` pattern (or `only` is empty) and no `skip` pattern.
    /// A pattern is a case id, an id prefix ending at a dot boundary (`retry`, `retry.backoff`), or a glob with `*`.
    public var only: [String] = []
    public var skip: [String] = []
    /// When set, only these case ids run (`--rerun-failed`).
    public var caseIDs: Set<String>?
    /// How many cases run at once. The default overlaps every wait of the catalogue on a small machine.
    public var jobs = 32
    /// Multiplies the runner's own deadlines and tolerances (never a tool's configured values); raise it on a slow
    /// machine or a far target.
    public var timeoutScale = 1.0
    /// Where the case mocks listen.
    public var mockHost = "127.0.0.1"
    /// The host the target is told to call the mocks on (default: `mockHost`); for a target in a container.
    public var advertiseHost: String?
    /// A PEM file of CA certificates to trust for an https target, besides the system trust store (`--ca-file`).
    public var targetCAFile: String?
    /// When set, the case mocks serve https with this certificate, and the tool definitions name `https://` URLs;
    /// the target must trust its CA (`--mock-tls`). Nil serves plain http.
    public var mockTLS: TLSServerContext?
    /// How long one request to the target may take before it counts as unanswered (before scaling).
    public var requestTimeout: Duration = .seconds(5)
    /// How long a case may take beyond its declared wait before it is stopped as an error (before scaling).
    public var caseDeadline: Duration = .seconds(15)
    /// How long the whole run may take; cases still running then end as errors (before scaling).
    public var runDeadline: Duration = .seconds(300)
    /// Starts the name of every tool the run creates (`us3fa9c1_`, new for each run), so that a run's tools are told
    /// apart from everyone else's on a shared target, and `understudy clean --prefix` can find what an interrupted
    /// run left.
    public var toolPrefix = RunConfiguration.newToolPrefix()
    /// Keep the tools cases create (`--keep-tools`, for debugging); by default each case deletes its own when it
    /// ends, whatever its outcome, and the report lists any that could not be deleted.
    public var keepTools = false
    /// Tests of the suite only: starts something in front of each case mock (a delaying proxy: a far network between
    /// target and mocks), given the mock's port; the target is told the port it returns. Nil: the mocks themselves.
    package var mockFront: (@Sendable (_ mockPort: UInt16) throws -> MockFront)?
    /// Failures expected and tolerated; a listed case that passes makes the baseline stale.
    public var baseline: Baseline?

    /// What `mockFront` started: the port to advertise, and how to stop it when the case ends.
    package struct MockFront: Sendable {
        package var port: UInt16
        package var stop: @Sendable () -> Void

        package init(port: UInt16, stop: @escaping @Sendable () -> Void) {
            self.port = port
            self.stop = stop
        }
    }

    /// `us`, six random hex digits, `_`.
    public static func newToolPrefix() -> String {
        "us" + String(format: "%06x", UInt32.random(in: 0...0xFF_FFFF)) + "_"
    }

    public init(target: String, apiKey: String) {
        self.target = target.hasSuffix("/") ? String(target.dropLast()) : target
        self.apiKey = apiKey
    }
}
