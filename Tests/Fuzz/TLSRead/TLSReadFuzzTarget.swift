// libFuzzer target: a TLS server session fed arbitrary bytes in reads of a chosen size, the way connections drive it.
//
// Input: one control byte, then the stream. Control: bits 0-5 + 1 = bytes per read (1-64). The property: the session
// ends each stream by failing, refusing plain HTTP or waiting for more, within a number of steps bounded by the
// input, and never decrypts a byte (no peer holds the keys).
import Foundation
import HTTPWire

/// One server context for the whole run, its certificate made once by the private CA in a temporary folder.
private let context: TLSServerContext = {
    do {
        let folder = try CertificateAuthority.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }  // loaded: the files are no longer needed
        let authority = try CertificateAuthority.loadOrCreate(in: folder)
        return try authority.serverContext(for: ServerCertificateNames.loopback, in: folder)
    } catch {
        fatalError("cannot make the fuzz target's certificate: \(error)")
    }
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func tlsReadFuzzTarget(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let readSize = Int(data[0] & 0x3F) + 1
    let stream = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    guard let outcome = WireFuzzEntryPoints.feedTLSServer(stream, readSize: readSize, context: context) else {
        require(false, "cannot make a socket pair")
        return 0
    }
    require(outcome.decryptedBytes == 0, "decrypted \(outcome.decryptedBytes) bytes without a peer holding the keys")
    let reads = (stream.count + readSize - 1) / readSize
    require(outcome.steps <= 4 * (reads + 1) + stream.count, "\(outcome.steps) steps for \(stream.count) bytes: a spin")
    if let first = stream.first, (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(first) {
        require(outcome.refusedAsPlainHTTP, "a stream starting with '\(Character(Unicode.Scalar(first)))' was not refused as plain HTTP")
    }
    return 0
}
