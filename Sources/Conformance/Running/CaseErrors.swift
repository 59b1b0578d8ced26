// How a case says it failed or could not be judged.

/// The target broke the rule: the expectation, and what happened instead. Thrown by `CaseContext.expect`.
public struct CaseFailure: Error, Sendable {
    public var expectation: String
    public var observed: String

    public init(expectation: String, observed: String) {
        self.expectation = expectation
        self.observed = observed
    }
}

/// The case could not be judged: a precondition failed (creating the tool it needs, starting a mock) or the
/// target could not be reached. The outcome is `error`, never `fail`.
public struct CaseSetupError: Error, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
