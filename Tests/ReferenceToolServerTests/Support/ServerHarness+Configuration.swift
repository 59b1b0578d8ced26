// Harness variants: a server with a configuration of the test's choosing, its log captured, and a private folder.
import Foundation
import HTTPWire
import Synchronization
@testable import ReferenceToolServer

extension ServerHarness {
    /// Starts a server (feather, one event loop unless `configure` says otherwise) with the configuration adjusted by
    /// `configure` (dialect, data file, log).
    /// - Throws: what `ToolServer.init` or `start` throws (e.g. `ToolDataFileError`), or when a client cannot start.
    static func start(_ configure: (inout ToolServer.Configuration) -> Void) throws -> ServerHarness {
        var configuration = ToolServer.Configuration(apiKey: apiKey)
        configuration.http.loopCount = 1
        configure(&configuration)
        let server = try ToolServer(configuration: configuration)
        try server.start()
        guard let baseURL = server.baseURL else {
            server.stop()
            throw HarnessError.notListening
        }
        do {
            return ServerHarness(server: server, client: try HTTPClient(configuration: .init(poolIdleTimeout: .seconds(600))),
                                 baseURL: baseURL)
        } catch {
            server.stop()
            throw error
        }
    }
}

/// Every line a server logged, for searching after the fact.
final class CapturedLog: Sendable {
    private let lines = Mutex<[String]>([])

    /// The closure to install as `configuration.log`.
    var sink: @Sendable (String) -> Void { { [self] line in lines.withLock { $0.append(line) } } }

    var all: [String] { lines.withLock { $0 } }
}

/// A fresh folder under the system's temporary directory; `remove()` deletes it with its content.
struct TemporaryFolder {
    let url: URL

    /// - Throws: when the folder cannot be created.
    init() throws {
        url = FileManager.default.temporaryDirectory.appending(path: "understudy-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> URL { url.appending(path: name) }

    func remove() { try? FileManager.default.removeItem(at: url) }
}
