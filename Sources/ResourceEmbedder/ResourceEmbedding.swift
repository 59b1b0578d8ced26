// Resource files -> Swift source holding their text, so a binary carries its resources without a bundle. Pure: no I/O.

/// Writes the Swift source of an `EmbeddedResources` enum that returns each embedded file's text by name.
///
/// The text goes into multi-line string literals with every `\`, `"` and control character other than a newline
/// escaped, so the compiled string equals the file byte for byte (carriage returns and a missing or doubled final
/// newline included), whatever the file holds.
enum ResourceEmbedding {
    /// One file to embed.
    struct File: Equatable {
        /// The name the text is found by: the file's name, e.g. `contract.md`.
        var name: String
        /// The file's UTF-8 text.
        var text: String
    }

    /// The generated Swift source: an internal `EmbeddedResources` enum with `names` and `text(named:)`.
    /// - Parameters:
    ///   - files: the files, in any order; they are emitted sorted by name so the output is stable.
    ///   - module: the target the source is compiled into, named by the error for a missing file.
    static func swiftSource(of files: [File], module: String) -> String {
        let sorted = files.sorted { $0.name < $1.name }
        var out = """
        // Generated at build time by the EmbedResources plugin (Sources/EmbedResources) from this target's Resources/
        // files, which stay the one source of truth; do not edit.

        /// The text of this target's resource files, compiled into the binary so that no resource bundle is needed.
        enum EmbeddedResources {
            /// The embedded files' names, sorted.
            static let names: [String] = [\(sorted.map { literal($0.name) }.joined(separator: ", "))]

            /// A file name that was not embedded: the code names a file `Resources/` lacks (a build problem, not a user's).
            struct Missing: Error, CustomStringConvertible {
                /// The file name asked for.
                var name: String
                var description: String {
                    "\\(name) is not embedded in \(escaped(module)); have: \\(EmbeddedResources.names.joined(separator: ", "))"
                }
            }

            /// The text of an embedded file, by its name (`contract.md`).
            /// - Throws: `Missing` for a name that was not embedded.
            static func text(named name: String) throws(Missing) -> String {
                switch name {

        """
        for file in sorted {
            out += "        case \(literal(file.name)):\n            return \"\"\"\n"
            out += escaped(file.text)
            out += "\n\"\"\"\n"
        }
        out += """
                default:
                    throw Missing(name: name)
                }
            }
        }

        """
        return out
    }

    /// A single-line string literal of a short name.
    static func literal(_ name: String) -> String {
        "\"" + escaped(name).replacingNewlines() + "\""
    }

    /// Text escaped for the inside of a multi-line string literal: newlines stay, everything that could end or change
    /// the literal is escaped.
    static func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count + text.utf8.count / 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out.unicodeScalars.append(scalar)
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value)
                || scalar == "\u{2028}" || scalar == "\u{2029}" || scalar == "\u{FEFF}":
                out += "\\u{" + String(scalar.value, radix: 16) + "}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

private extension String {
    /// A name never holds a newline in practice; if one does, it is escaped rather than breaking the line.
    func replacingNewlines() -> String {
        var out = ""
        for scalar in unicodeScalars {
            if scalar == "\n" { out += "\\n" } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }
}
