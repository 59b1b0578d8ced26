// Running the built `understudy` binary from tests: to completion with a bound, its outputs drained meanwhile.
import Foundation

/// The built `understudy` binary next to this test bundle.
func understudyBinary() -> URL {
    Bundle.main.bundleURL.appendingPathComponent("understudy")
}

/// Runs `understudy` with `arguments` to completion (bounded by `timeout`), returning exit code and both outputs.
/// `environment` is added to this process's own.
func runUnderstudy(_ arguments: [String], environment: [String: String] = [:],
                   timeout: TimeInterval = 20) throws -> (status: Int32, stdout: String, stderr: String) {
    let process = Process()
    process.executableURL = understudyBinary()
    process.arguments = arguments
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, given in given }
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    let exited = DispatchSemaphore(value: 0)
    process.terminationHandler = { _ in exited.signal() }
    try process.run()
    // Drained while the process runs: an output larger than the pipe's buffer would otherwise block it forever.
    let stdout = PipeDrain(out), stderr = PipeDrain(err)
    if exited.wait(timeout: .now() + timeout) == .timedOut {
        process.terminate()
        exited.wait()
    }
    return (process.terminationStatus, stdout.text(), stderr.text())
}

/// Reads a pipe to its end on a background thread; `text()` waits for the end.
final class PipeDrain: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchGroup()

    init(_ pipe: Pipe) {
        let handle = pipe.fileHandleForReading
        done.enter()
        DispatchQueue.global().async { [self] in
            data = handle.readDataToEndOfFile()
            done.leave()
        }
    }

    func text() -> String {
        done.wait()
        return String(decoding: data, as: UTF8.self)
    }
}
