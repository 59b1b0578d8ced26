// Counts with their noun in the right number, for every line a person reads: "1 case", "2 cases".

extension Int {
    /// `1 case`, `0 cases`, `2 stale baseline entries` (with `plural` for nouns that do not just take an `s`).
    public func counted(_ singular: String, plural: String? = nil) -> String {
        "\(self) " + (self == 1 ? singular : plural ?? singular + "s")
    }
}
