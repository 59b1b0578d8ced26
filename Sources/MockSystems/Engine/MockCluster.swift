// Several mock systems started together, sharing one OAuth token registry.
import Foundation

/// A set of running mock systems (by default all built-in ones) whose issuer tokens are valid across the set.
public final class MockCluster: Sendable {
    /// The systems in start order.
    public let systems: [MockSystem]
    /// Tokens issued by the cluster's issuer, accepted by systems with `issued_token` auth.
    public let tokens: TokenRegistry

    /// Prepares `definitions` with per-system options from `options(name)`; `tokens` may carry a fake clock in tests.
    /// - Throws: `MockSystemError` when a system cannot be prepared.
    public init(definitions: [MockDefinition], tokens: TokenRegistry = TokenRegistry(),
                options: (String) -> MockOptions = { _ in MockOptions() }) throws {
        self.tokens = tokens
        systems = try definitions.map { try MockSystem(definition: $0, options: options($0.name), tokens: tokens) }
    }

    /// Starts every system; on a failure, stops the ones already started and rethrows.
    public func start() throws {
        var started: [MockSystem] = []
        do {
            for system in systems {
                try system.start()
                started.append(system)
            }
        } catch {
            for system in started { system.stop(gracePeriod: .zero) }
            throw error
        }
    }

    /// Stops every system (idempotent).
    public func stop(gracePeriod: Duration = .seconds(2)) {
        for system in systems { system.stop(gracePeriod: gracePeriod) }
    }

    /// The system named `name`.
    public subscript(name: String) -> MockSystem? { systems.first { $0.definition.name == name } }
}
