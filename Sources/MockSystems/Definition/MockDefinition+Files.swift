// Definitions from files: the built-ins, a folder or file of one's own, the two merged, and the built-ins written out.
import Foundation

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

    /// Definitions from `paths`, each a `.json` file or a folder of them (not its subfolders), in the order given.
    /// - Throws: `DefinitionError` for a path that is neither, a file that does not load, or two that define one name.
    public static func load(paths: [URL]) throws(DefinitionError) -> [MockDefinition] {
        var definitions: [MockDefinition] = []
        for url in paths {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else {
                throw DefinitionError(file: url.path, path: "", reason: "no such file or folder")
            }
            let loaded = isFolder.boolValue ? try loadAll(in: url) : [try load(contentsOf: url)]
            for definition in loaded {
                if let earlier = definitions.first(where: { $0.name == definition.name }) {
                    throw DefinitionError(file: definition.source, path: "name",
                                          reason: "\(earlier.source) already defines a system named '\(definition.name)'")
                }
                definitions.append(definition)
            }
        }
        return definitions
    }

    /// The built-ins with `custom` added: one with a built-in's name replaces it in its place, others follow.
    public static func builtins(with custom: [MockDefinition]) throws(DefinitionError) -> [MockDefinition] {
        var merged = try builtinNames.map { name throws(DefinitionError) in try builtin(name) }
        for definition in custom {
            if let index = merged.firstIndex(where: { $0.name == definition.name }) {
                merged[index] = definition
            } else {
                merged.append(definition)
            }
        }
        return merged
    }

    /// Writes each built-in definition to `folder/<name>.json` (creating the folder), byte for byte as shipped.
    /// A file that exists with other content is never overwritten: that is an error naming it.
    /// - Returns: the files written or already identical, in name order.
    public static func exportBuiltins(to folder: URL) throws(DefinitionError) -> [URL] {
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw DefinitionError(file: folder.path, path: "", reason: "cannot create the folder: \(error.localizedDescription)")
        }
        var written: [URL] = []
        for name in builtinNames {
            let url = folder.appendingPathComponent("\(name).json"), bytes = Data((builtinJSON(name) ?? "").utf8)
            if let existing = FileManager.default.contents(atPath: url.path) {
                guard existing == bytes else {
                    throw DefinitionError(file: url.path, path: "", reason: "exists with other content; not overwritten (move it or pick another folder)")
                }
            } else {
                do {
                    try bytes.write(to: url, options: .withoutOverwriting)
                } catch {
                    throw DefinitionError(file: url.path, path: "", reason: "cannot write: \(error.localizedDescription)")
                }
            }
            written.append(url)
        }
        return written
    }
}
