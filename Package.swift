// swift-tools-version:6.0
// Understudy: mock downstream systems, a conformance suite and a reference tool server for voice-agent API tools.
import PackageDescription

let package = Package(
    name: "Understudy",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "HTTPWire", targets: ["HTTPWire"]),
        .library(name: "JSONModel", targets: ["JSONModel"]),
        .library(name: "MockSystems", targets: ["MockSystems"]),
        .library(name: "ReferenceToolServer", targets: ["ReferenceToolServer"]),
        .library(name: "Conformance", targets: ["Conformance"]),
        .library(name: "RunReports", targets: ["RunReports"]),
        .executable(name: "understudy", targets: ["understudy"]),
    ],
    targets: [
        // Exposes the few Linux system calls Glibc's Swift module leaves out (epoll, eventfd, accept4).
        .target(name: "CSystemShims"),
        // The system's OpenSSL (libssl 3; headers from Debian's libssl-dev): TLS contexts, sessions, certificates.
        .target(name: "CTLSShims", linkerSettings: [.linkedLibrary("ssl"), .linkedLibrary("crypto")]),
        // Bytes on a socket (plain or TLS) -> HTTP/1.1 messages: event loops, server, client, parsers.
        .target(name: "HTTPWire", dependencies: ["CSystemShims", "CTLSShims"]),
        // JSON as a value: a strict parser and encoder shared by mocks, tool server and reports.
        .target(name: "JSONModel"),
        // HTTP messages -> mock downstream systems: CRM, ticketing, webhook, OAuth issuer; journal, faults, admin API.
        .target(name: "MockSystems", dependencies: ["HTTPWire", "JSONModel"], plugins: ["EmbedResources"]),
        // Resources/ files -> Swift source holding their text: the tool the EmbedResources plugin runs at build time.
        .executableTarget(name: "ResourceEmbedder"),
        // Compiles a target's Resources/ into it, so the shipped binary needs no resource bundle beside it.
        .plugin(name: "EmbedResources", capability: .buildTool(), dependencies: ["ResourceEmbedder"],
                path: "Sources/EmbedResources"),
        // The written contract (its document, its OpenAPI files per dialect, the dialects), shared by the reference
        // server and the suite.
        .target(name: "ToolContract", plugins: ["EmbedResources"]),
        // HTTP messages -> the reference tool server: tool model, validation, execution (retries, timeouts, secrets).
        .target(name: "ReferenceToolServer", dependencies: ["HTTPWire", "JSONModel", "ToolContract"]),
        // Mock systems + contract -> the conformance suite: case catalogue, runner, run results with evidence.
        .target(name: "Conformance", dependencies: ["HTTPWire", "JSONModel", "MockSystems", "ToolContract"]),
        // Run results -> reports: JSON (with its schema), JUnit XML, Markdown, HTML; and back from JSON.
        .target(name: "RunReports", dependencies: ["Conformance", "JSONModel"], plugins: ["EmbedResources"]),
        .executableTarget(name: "understudy", dependencies: [
            "HTTPWire", "JSONModel", "MockSystems", "ReferenceToolServer", "ToolContract", "Conformance", "RunReports",
        ]),
        .testTarget(name: "HTTPWireTests", dependencies: ["HTTPWire"]),
        .testTarget(name: "JSONModelTests", dependencies: ["JSONModel"]),
        .testTarget(name: "ReferenceToolServerTests", dependencies: ["ReferenceToolServer", "MockSystems", "HTTPWire", "JSONModel", "ToolContract"]),
        .testTarget(name: "MockSystemsTests", dependencies: ["MockSystems", "HTTPWire", "JSONModel"]),
        .testTarget(name: "ConformanceTests", dependencies: [
            "Conformance", "RunReports", "ReferenceToolServer", "MockSystems", "HTTPWire", "JSONModel", "ToolContract",
        ]),
        .testTarget(name: "RunReportsTests", dependencies: ["RunReports", "Conformance", "JSONModel"]),
        .testTarget(name: "ToolContractTests", dependencies: ["ToolContract"]),
        // Embeds its own Resources/ (files that break naive string literals) through the plugin and compares them; it
        // cannot also depend on ResourceEmbedder (the tool's objects would be linked twice), so it tests the output.
        .testTarget(name: "ResourceEmbedderTests", plugins: ["EmbedResources"]),
        // Runs the built `understudy` binary as a user would: flags, exit codes, signals.
        .testTarget(name: "understudyTests", dependencies: ["understudy", "HTTPWire", "JSONModel", "ReferenceToolServer", "ToolContract"]),
    ],
    swiftLanguageModes: [.v6]
)
