// How wide a badge's text is drawn: 11 px Verdana, estimated per character without a font at hand.
extension Badge {
    /// Advance widths of 11 px Verdana in pixels for lowercase letters, digits and the space, rounded up to a tenth
    /// so that the estimate errs wide (a badge with room to spare, never clipped text).
    private static let verdanaWidths: [Character: Double] = [
        "a": 6.7, "b": 6.9, "c": 5.8, "d": 6.9, "e": 6.6, "f": 3.9, "g": 6.9, "h": 7.0, "i": 3.1, "j": 3.8, "k": 6.6,
        "l": 3.1, "m": 10.7, "n": 7.0, "o": 6.7, "p": 6.9, "q": 6.9, "r": 4.7, "s": 5.8, "t": 4.4, "u": 7.0, "v": 6.6,
        "w": 9.0, "x": 6.6, "y": 6.6, "z": 5.8, " ": 3.9,
        "0": 7.0, "1": 7.0, "2": 7.0, "3": 7.0, "4": 7.0, "5": 7.0, "6": 7.0, "7": 7.0, "8": 7.0, "9": 7.0,
    ]

    /// The estimated width of `text` in 11 px Verdana: the table for lowercase, digits and space; 7.7 px for other
    /// uppercase letters (9.9 for the wide M and W); 4.7 px for ASCII punctuation; 11 px for anything else (accented,
    /// CJK, emoji), which is as wide as Verdana's widest letters.
    static func textWidth(_ text: String) -> Double {
        text.reduce(0) { width, character in
            if let known = verdanaWidths[character] { return width + known }
            if character == "M" || character == "W" { return width + 9.9 }
            if character.isASCII && character.isUppercase { return width + 7.7 }
            if character.isASCII { return width + 4.7 }
            return width + 11
        }
    }
}
