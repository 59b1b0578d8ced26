// Escaping for GitHub-flavoured Markdown: report strings must render as the text they are, never as markup.

extension String {
    /// The text as Markdown prose: HTML-significant characters as entities (GitHub renders inline HTML), Markdown
    /// punctuation backslash-escaped, control characters removed. Newlines are kept.
    var markdownText: String {
        var out = ""
        for character in withoutControlCharacters {
            switch character {
            case "&": out.append("&amp;")
            case "<": out.append("&lt;")
            case ">": out.append("&gt;")
            case "\\", "`", "*", "_", "[", "]", "#", "~": out.append("\\"); out.append(character)
            default: out.append(character)
            }
        }
        return out
    }

    /// The text as an inline code span, with a fence longer than any backtick run inside and newlines as spaces.
    var markdownCode: String {
        let flat = withoutControlCharacters.replacingOccurrences(of: "\r\n", with: " ")
            .replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " ")
        let fence = String(repeating: "`", count: flat.longestRun(of: "`") + 1)
        let padding = flat.hasPrefix("`") || flat.hasSuffix("`") || flat.isEmpty ? " " : ""
        return fence + padding + flat + padding + fence
    }

    /// The text as a fenced code block, with a fence longer than any backtick run inside.
    func markdownFenced(_ language: String = "") -> String {
        let body = withoutControlCharacters
        let fence = String(repeating: "`", count: Swift.max(3, body.longestRun(of: "`") + 1))
        return fence + language + "\n" + body + (body.hasSuffix("\n") ? "" : "\n") + fence
    }

    /// Already-rendered Markdown kept on one line: line breaks as `<br>`.
    var markdownSingleLine: String {
        replacingOccurrences(of: "\r\n", with: "<br>").replacingOccurrences(of: "\n", with: "<br>")
            .replacingOccurrences(of: "\r", with: "<br>")
    }

    /// Already-rendered Markdown made safe for one table cell: on one line, `|` escaped (GFM splits cells before
    /// reading code spans, so even a pipe inside code needs it).
    var markdownCell: String { markdownSingleLine.replacingOccurrences(of: "|", with: "\\|") }

    /// The length of the longest run of `character`.
    private func longestRun(of character: Character) -> Int {
        var longest = 0
        var current = 0
        for each in self {
            current = each == character ? current + 1 : 0
            longest = Swift.max(longest, current)
        }
        return longest
    }
}
