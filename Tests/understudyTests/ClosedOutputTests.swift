// Output to a reader that went away (`understudy run | head -1`) is dropped, not a crash.
import Foundation
import XCTest

/// Output to a reader that went away (`understudy run | head -1`) is dropped, not a crash.
final class ClosedOutputTests: XCTestCase {
    func test_run_WithItsOutputClosed_FinishesWithItsOwnExitCode() throws {
        let process = Process()
        process.executableURL = understudyBinary()
        process.arguments = ["run", "--only", "flagship", "--report-dir",
                             FileManager.default.temporaryDirectory.appendingPathComponent("closed-\(UUID().uuidString)").path]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try out.fileHandleForReading.close()  // nobody reads: every write fails with EPIPE
        try process.run()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationReason, .exit, "ended by a signal (a crash), status \(process.terminationStatus)")
        XCTAssertEqual(process.terminationStatus, 0)
    }
}
