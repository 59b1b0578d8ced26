// Escaping for XML and HTML: every string taken from a report goes through here before it reaches markup.

extension String {
    /// The text with `& < > " '` escaped and the characters XML 1.0 forbids (C0 controls other than tab, newline and
    /// carriage return; U+FFFE, U+FFFF) removed: safe as XML or HTML element text and inside quoted attributes.
    var markupEscaped: String {
        var out = ""
        out.reserveCapacity(utf8.count)
        for scalar in unicodeScalars where scalar.isKeptInReports {
            switch scalar {
            case "&": out.append("&amp;")
            case "<": out.append("&lt;")
            case ">": out.append("&gt;")
            case "\"": out.append("&quot;")
            case "'": out.append("&#39;")
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// As `markupEscaped`, with tab, newline and carriage return as character references: an XML parser normalises
    /// them to spaces in attribute values otherwise.
    var attributeEscaped: String {
        markupEscaped
            .replacingOccurrences(of: "\t", with: "&#9;")
            .replacingOccurrences(of: "\n", with: "&#10;")
            .replacingOccurrences(of: "\r", with: "&#13;")
    }

    /// The text without the characters XML 1.0 forbids, for output that is not markup (Markdown, plain text).
    var withoutControlCharacters: String {
        String(String.UnicodeScalarView(unicodeScalars.filter(\.isKeptInReports)))
    }
}

extension Unicode.Scalar {
    /// Whether reports keep this scalar: XML 1.0's `Char` production (tab, newline, carriage return, and U+0020 up,
    /// except U+FFFE and U+FFFF; Swift scalars are never surrogates, its other gap), minus DEL and the C1 controls,
    /// which are legal XML but HTML parse errors and only ever show up as garbage.
    var isKeptInReports: Bool {
        switch value {
        case 0x09, 0x0A, 0x0D: return true
        case 0..<0x20, 0x7F...0x9F, 0xFFFE, 0xFFFF: return false
        default: return true
        }
    }
}
