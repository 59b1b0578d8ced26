// Dialect names as they appear on the command line.
import ToolContract
import Testing
@testable import ReferenceToolServer

@Suite struct DialectTests {
    @Test func dialect_ParsesItsCommandLineNames() {
        #expect(Dialect(rawValue: "feather") == .feather)
        #expect(Dialect(rawValue: "oneinbox") == .oneinbox)
        #expect(Dialect(rawValue: "vapi") == nil)
    }
}
