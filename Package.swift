// swift-tools-version:6.0
// Understudy: mock downstream systems, a conformance suite and a reference tool server for voice-agent API tools.
import PackageDescription

let package = Package(
    name: "Understudy",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "HTTPWire", targets: ["HTTPWire"]),
        .executable(name: "understudy", targets: ["understudy"]),
    ],
    targets: [
        // Exposes the few Linux system calls Glibc's Swift module leaves out (epoll, eventfd, accept4).
        .target(name: "CSystemShims"),
        // Bytes on a socket -> HTTP/1.1 messages: event loops, server, client, parsers.
        .target(name: "HTTPWire", dependencies: ["CSystemShims"]),
        .executableTarget(name: "understudy", dependencies: ["HTTPWire"]),
        .testTarget(name: "HTTPWireTests", dependencies: ["HTTPWire"]),
    ],
    swiftLanguageModes: [.v6]
)
