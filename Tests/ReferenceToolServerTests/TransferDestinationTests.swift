// E.164 numbers and RFC 3261 SIP URIs as transfer destinations.
import Testing
@testable import ReferenceToolServer

@Suite struct TransferDestinationTests {
    @Test(arguments: ["+15105550100", "+12", "+442071838750", "+123456789012345"])
    func destination_AcceptsE164(_ text: String) throws {
        #expect(try TransferDestination.parse(text) == .phoneNumber(text))
    }

    @Test(arguments: ["+0123", "+1", "+1234567890123456", "+1 510 555 0100", "+1-510", "15105550100", "+", "++15105550100", " +15105550100"])
    func destination_RejectsMalformedE164(_ text: String) {
        #expect(throws: TransferDestinationError.self) { try TransferDestination.parse(text) }
    }

    @Test(arguments: [
        "sip:+15105550100@example.com;user=phone",
        "sips:alice@[2001:db8::1]:5061",
        "sip:example.com",
        "sip:alice@example.com",
        "SIP:alice@Example.COM",
        "sip:alice:secret@example.com:5060;transport=tcp;lr",
        "sip:alice@192.0.2.10",
        "sip:alice@192.0.2.10:65535",
        "sip:alice%20smith@example.com",
        "sip:alice@example.com.",
        "sip:alice@a-b.example.com",
        "sip:alice@[::1]",
        "sip:alice@[::ffff:192.0.2.1]",
        "sip:alice@example.com;maddr=[2001:db8::2]",
        "sip:alice@example.com?subject=project&priority=urgent",
        "sip:alice@example.com;x-id=a/b:c&d+e$f",
        "sip:1-800-FLOWERS@x.example",
    ])
    func destination_AcceptsSIPURIs(_ text: String) throws {
        guard case .sip = try TransferDestination.parse(text) else { Issue.record("not parsed as SIP"); return }
    }

    @Test(arguments: [
        "sip:", "sips:", "sip:@host", "sip:alice@", "sip:alice@host:0", "sip:alice@host:70000", "sip:alice@host:",
        "sip:alice@host:5o60", "tel:+15105550100", "sip:alice smith@example.com", "sip:alice@exa mple.com",
        "sip:alice@example.com ", "sip:alice@-example.com", "sip:alice@example-.com", "sip:alice@example..com",
        "sip:alice@123.45", "sip:alice@256.1.1.1", "sip:alice@[2001:db8::1", "sip:alice@[2001:db8:::1]",
        "sip:alice@[1:2:3:4:5:6:7:8:9]", "sip:alice@[gggg::1]", "sip:alice%2@example.com", "sip:al<ice@example.com",
        "sip:alice@example.com;", "sip:alice@example.com;transport=", "sip:alice@example.com?subject",
        "sip:alice@[::1]5060", "sip::pw@example.com", "sip:alice@example.com:5060:5061", "sip:alicé@example.com",
        "mailto:alice@example.com", "alice@example.com",
    ])
    func destination_RejectsInvalidSIPAndOtherSchemes(_ text: String) {
        #expect(throws: TransferDestinationError.self) { try TransferDestination.parse(text) }
    }

    @Test func sipURI_ExposesItsParts() throws {
        let uri = try SIPURI.parse("sips:alice:pw@[2001:db8::1]:5061;transport=tls;lr?subject=hi")
        #expect(uri.secure)
        #expect(uri.user == "alice")
        #expect(uri.password == "pw")
        #expect(uri.host == "[2001:db8::1]")
        #expect(uri.port == 5061)
        #expect(uri.parameters == [SIPURIParameter(name: "transport", value: "tls"), SIPURIParameter(name: "lr", value: nil)])
        #expect(uri.headers == [SIPURIParameter(name: "subject", value: "hi")])
    }

    @Test func sipURI_UserPartIsOptional() throws {
        let uri = try SIPURI.parse("sip:example.com:5060")
        #expect(uri.user == nil)
        #expect(uri.host == "example.com")
        #expect(uri.port == 5060)
    }

    @Test func destinationError_SaysWhatWasWrong() {
        #expect(throws: TransferDestinationError("SIP URI port must be 1-65535, got '0'")) { try TransferDestination.parse("sip:alice@host:0") }
    }
}
