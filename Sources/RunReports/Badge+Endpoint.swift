// The badge as a shields.io endpoint JSON (`badge.json`): publish it and shields.io draws the badge from it.
import JSONModel

extension Badge {
    /// The badge in the shape https://shields.io/badges/endpoint-badge reads: `schemaVersion` 1, `label`, `message`
    /// and a named `color`, nothing else. Served from a public URL, `https://img.shields.io/endpoint?url=URL` is the
    /// badge.
    public var endpointJSON: String {
        let object: JSONValue = [
            "schemaVersion": 1,
            "label": .string(label),
            "message": .string(message),
            "color": .string(color.shieldsName),
        ]
        return object.indentedText
    }
}
