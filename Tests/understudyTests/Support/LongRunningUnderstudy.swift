// A long-running `understudy mocks` or `serve` process for tests, stopped with SIGTERM.
import Foundation
import XCTest

/// `understudy mocks` or `serve`, started and read until it says it is running; `stop()` sends SIGTERM.
final class LongRunningUnderstudy {
    private let process = Process()
    private let out = Pipe()
    private let errors: PipeDrain
    /// What it printed up to its "running;" line.
    private(set) var printed = ""

    init(_ arguments: [String], environment: [String: String] = [:]) throws {
        process.executableURL = understudyBinary()
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, given in given }
        }
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        errors = PipeDrain(err)
        while !printed.contains("running;") {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { throw LaunchError(output: printed + errors.text()) }
            printed += String(decoding: chunk, as: UTF8.self)
        }
    }

    struct LaunchError: Error { var output: String }

    /// Every service URL printed (admin URLs left out).
    var urls: [String] {
        printed.split(whereSeparator: \.isWhitespace).map(String.init).filter { $0.isURL && !$0.hasSuffix("/__admin") }
    }

    /// The port of the first URL printed.
    func firstPort() throws -> UInt16 {
        try XCTUnwrap(urls.first.flatMap { UInt16($0.split(separator: ":").last ?? "") }, "no URL in: \(printed)")
    }

    /// The URL printed on the line of mock system `name`.
    func url(of name: String) -> String? {
        printed.split(separator: "\n").first { $0.hasPrefix(name + " ") }?.split(separator: " ").map(String.init).first { $0.isURL }
    }

    /// Sends SIGTERM, waits, and returns everything printed on stdout and stderr.
    func stop() -> (stdout: String, stderr: String) {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        return (printed + String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self), errors.text())
    }
}

private extension String {
    var isURL: Bool { hasPrefix("http://") || hasPrefix("https://") }
}
