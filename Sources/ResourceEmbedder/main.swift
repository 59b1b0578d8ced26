// The EmbedResources plugin's tool: reads resource files and writes the Swift source that embeds them.
// Usage: ResourceEmbedder OUTPUT.swift MODULE FILE...   (exits 1 naming the file when one cannot be read,
// is not UTF-8 or shares its name with another)
import Foundation

let arguments = CommandLine.arguments.dropFirst()
guard arguments.count >= 2, let outputPath = arguments.first, let module = arguments.dropFirst().first else {
    FileHandle.standardError.write(Data("usage: ResourceEmbedder OUTPUT.swift MODULE FILE...\n".utf8))
    exit(2)
}
var files: [ResourceEmbedding.File] = []
for path in arguments.dropFirst(2) {
    let url = URL(fileURLWithPath: path)
    // String(validating:) keeps every byte, a byte order mark included; invalid UTF-8 gives nil.
    guard let data = FileManager.default.contents(atPath: path), let text = String(validating: data, as: UTF8.self) else {
        FileHandle.standardError.write(Data("ResourceEmbedder: \(path) cannot be read as UTF-8 text\n".utf8))
        exit(1)
    }
    guard !files.contains(where: { $0.name == url.lastPathComponent }) else {
        FileHandle.standardError.write(Data("ResourceEmbedder: two files are named \(url.lastPathComponent)\n".utf8))
        exit(1)
    }
    files.append(.init(name: url.lastPathComponent, text: text))
}
let source = Data(ResourceEmbedding.swiftSource(of: files, module: module).utf8)
// Rewriting an unchanged file would only make the build recompile the target.
if FileManager.default.contents(atPath: outputPath) != source {
    do {
        try source.write(to: URL(fileURLWithPath: outputPath), options: .atomic)
    } catch {
        FileHandle.standardError.write(Data("ResourceEmbedder: cannot write \(outputPath): \(error)\n".utf8))
        exit(1)
    }
}
