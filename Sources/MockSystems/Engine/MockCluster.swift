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

extension MockDefinition {
    /// A built-in definition (`crm`, `ticketing`, `webhook`, `oauth`).
    /// - Throws: `DefinitionError` for an unknown name.
    public static func builtin(_ name: String) throws(DefinitionError) -> MockDefinition {
        guard let json = builtinJSON(name) else {
            throw DefinitionError(file: name, path: "", reason: "no built-in mock named '\(name)'; have: \(builtinNames.joined(separator: ", "))")
        }
        return try load(json: Array(json.utf8), file: "\(name).json (built in)")
    }

    /// Every `*.json` definition in `directory`, sorted by file name.
    /// - Throws: `DefinitionError` for the first file that does not load, or when the folder cannot be read.
    public static func loadAll(in directory: URL) throws(DefinitionError) -> [MockDefinition] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw DefinitionError(file: directory.path, path: "", reason: "cannot list the folder: \(error.localizedDescription)")
        }
        var definitions: [MockDefinition] = []
        for name in names.sorted() where name.hasSuffix(".json") {
            let definition = try load(contentsOf: directory.appendingPathComponent(name))
            if definitions.contains(where: { $0.name == definition.name }) {
                throw DefinitionError(file: name, path: "name", reason: "another file already defines a system named '\(definition.name)'")
            }
            definitions.append(definition)
        }
        return definitions
    }
}
