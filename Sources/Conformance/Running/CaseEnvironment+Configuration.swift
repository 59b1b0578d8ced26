// The environment a run's configuration gives its cases, and the client that reaches its target: one way for the
// runner and for `understudy clean`.
import HTTPWire

extension CaseEnvironment {
    /// The settings of `configuration`, on `client`, redacting with `redactor`.
    init(_ configuration: RunConfiguration, client: HTTPClient, redactor: Redactor) {
        self.init(target: configuration.target, apiKey: configuration.apiKey, dialect: configuration.dialect,
                  capabilities: configuration.capabilities, mockHost: configuration.mockHost,
                  advertiseHost: configuration.advertiseHost ?? configuration.mockHost, mockTLS: configuration.mockTLS,
                  toolPrefix: configuration.toolPrefix, mockFront: configuration.mockFront,
                  timeoutScale: configuration.timeoutScale, requestTimeout: configuration.requestTimeout, client: client,
                  redactor: redactor)
    }

    /// The run's request timeout × its timeout scale: what the runner's own requests to the target wait.
    var scaledRequestTimeout: Duration { requestTimeout.scaled(by: timeoutScale) }

    /// A client that trusts `configuration.targetCAFile` besides the system store; shut it down when done.
    /// - Throws: `RunSetupError` when the CA file cannot be loaded.
    static func targetClient(_ configuration: RunConfiguration) throws(RunSetupError) -> HTTPClient {
        do {
            return try HTTPClient(configuration: HTTPClient.Configuration(trustedCAFile: configuration.targetCAFile))
        } catch {
            throw RunSetupError("cannot start the HTTP client: \(error)")
        }
    }
}
