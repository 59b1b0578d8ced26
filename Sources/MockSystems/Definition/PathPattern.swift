// Route paths: literal segments, `{name}` parameters, and a trailing `*` for any rest.

/// A path such as `/callbacks/{id}` or `/*`, matched segment by segment against a request path.
struct PathPattern: Sendable, Equatable {
    enum Segment: Sendable, Equatable {
        case literal(String)
        case parameter(String)
        case rest
    }

    let text: String
    let segments: [Segment]

    init(_ text: String, file: String, path: String) throws(DefinitionError) {
        guard text.hasPrefix("/") else { throw DefinitionError(file: file, path: path, reason: "must start with '/', got '\(text)'") }
        self.text = text
        var segments: [Segment] = []
        let parts = text.split(separator: "/", omittingEmptySubsequences: true)
        for (index, part) in parts.enumerated() {
            if part == "*" {
                guard index == parts.count - 1 else { throw DefinitionError(file: file, path: path, reason: "'*' may only end a path") }
                segments.append(.rest)
            } else if part.hasPrefix("{") && part.hasSuffix("}") && part.count > 2 {
                segments.append(.parameter(String(part.dropFirst().dropLast())))
            } else {
                segments.append(.literal(String(part)))
            }
        }
        self.segments = segments
    }

    /// The parameters when `path` matches, else nil. Parameters are percent-decoded.
    func match(_ path: Substring) -> [String: String]? {
        var parameters: [String: String] = [:]
        var parts = path.split(separator: "/", omittingEmptySubsequences: true)[...]
        for segment in segments {
            switch segment {
            case .rest:
                return parameters
            case let .literal(text):
                guard let part = parts.popFirst(), part == text else { return nil }
            case let .parameter(name):
                guard let part = parts.popFirst() else { return nil }
                parameters[name] = String(part).removingPercentEncoding ?? String(part)
            }
        }
        return parts.isEmpty ? parameters : nil
    }
}

import Foundation
