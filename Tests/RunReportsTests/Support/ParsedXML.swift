// A well-formedness check and XPath queries over XML text, keeping FoundationXML's import in one file.
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// An XML document parsed by libxml2 (through Foundation), queried by XPath.
struct ParsedXML {
    /// One element: its name, attributes and text content.
    struct Element {
        var name: String
        var attributes: [String: String]
        var text: String
    }

    private let document: XMLDocument

    /// Parses `text`; throws when it is not well-formed XML.
    init(_ text: String) throws {
        document = try XMLDocument(xmlString: text, options: [])
    }

    /// The elements matching `xpath`, in document order.
    func elements(_ xpath: String) throws -> [Element] {
        try document.nodes(forXPath: xpath).compactMap { $0 as? XMLElement }.map { element in
            var attributes: [String: String] = [:]
            for attribute in element.attributes ?? [] {
                if let name = attribute.name { attributes[name] = attribute.stringValue ?? "" }
            }
            return Element(name: element.name ?? "", attributes: attributes, text: element.stringValue ?? "")
        }
    }
}
