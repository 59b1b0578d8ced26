// The badge as a flat shields-style SVG (`badge.svg`), sized from its text so nothing is clipped.
extension Badge {
    /// Space left and right of each half's text, in pixels.
    static let padding = 5.0

    /// The badge as a flat shields-style SVG, 20 px high: a grey label half and a coloured message half, each as wide
    /// as its text (`textWidth`) plus `padding` on both sides, rounded corners and a faint gloss. Both texts are
    /// escaped; `<title>` and `aria-label` carry `label: message` for screen readers and hover.
    public var svg: String {
        let labelWidth = Self.segmentWidth(label)
        let messageWidth = Self.segmentWidth(message)
        let width = labelWidth + messageWidth
        let title = "\(label): \(message)"
        let label = self.label.markupEscaped, message = self.message.markupEscaped
        return """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(width)" height="20" role="img" aria-label="\(title.attributeEscaped)">
        <title>\(title.markupEscaped)</title>
        <linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>
        <clipPath id="r"><rect width="\(width)" height="20" rx="3" fill="#fff"/></clipPath>
        <g clip-path="url(#r)">
        <rect width="\(labelWidth)" height="20" fill="#555"/>
        <rect class="message" x="\(labelWidth)" width="\(messageWidth)" height="20" fill="\(color.hex)"/>
        <rect width="\(width)" height="20" fill="url(#s)"/>
        </g>
        <g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11">
        <text x="\(Self.half(labelWidth))" y="15" fill="#010101" fill-opacity=".3" aria-hidden="true">\(label)</text>
        <text x="\(Self.half(labelWidth))" y="14">\(label)</text>
        <text x="\(Self.half(messageWidth, after: labelWidth))" y="15" fill="#010101" fill-opacity=".3" aria-hidden="true">\(message)</text>
        <text x="\(Self.half(messageWidth, after: labelWidth))" y="14">\(message)</text>
        </g>
        </svg>

        """
    }

    /// The width of a half showing `text`: its text width rounded up, plus `padding` on both sides.
    static func segmentWidth(_ text: String) -> Int {
        Int(textWidth(text.withoutControlCharacters).rounded(.up)) + Int(2 * padding)
    }

    /// The middle of a half `width` wide starting at `start`, as SVG text (`39.5`, `12`).
    private static func half(_ width: Int, after start: Int = 0) -> String {
        let middle = Double(start) + Double(width) / 2
        return middle == middle.rounded() ? "\(Int(middle))" : "\(middle)"
    }
}
