// `understudy mocks`' flags that need more than reading: definitions written out, fault files, the webhook's
// signature scheme, ports per system.
import Foundation
import JSONModel
import MockSystems

extension MocksCommand {
    /// `--export-definitions DIR`: writes the built-ins and says where; refuses to overwrite a file of other content.
    static func exportDefinitions(to folder: String) throws(UsageError) {
        do {
            for url in try MockDefinition.exportBuiltins(to: URL(fileURLWithPath: folder)) { print(url.path) }
        } catch {
            throw UsageError(message: "--export-definitions: \(error)")
        }
    }

    /// Reads `{"system": [rule, ...]}` from `path` and installs the rules; any problem is a usage error naming the place.
    static func installFaults(from path: String, into cluster: MockCluster) throws(UsageError) {
        guard let data = FileManager.default.contents(atPath: path) else { throw UsageError(message: "--faults: cannot read '\(path)'") }
        let json: JSONValue
        do {
            json = try JSONValue.parse(Array(data))
        } catch {
            throw UsageError(message: "--faults: \(path): \(error)")
        }
        guard case let .object(bySystem) = json else {
            throw UsageError(message: "--faults: \(path): expected an object of system name -> array of fault rules")
        }
        for (name, rules) in bySystem {
            guard let system = cluster[name] else { throw UsageError(message: "--faults: \(path): no running system named '\(name)'") }
            guard case let .array(list) = rules else { throw UsageError(message: "--faults: \(path): \(name) must be an array of rules") }
            for (index, rule) in list.enumerated() {
                do {
                    system.addFault(try FaultRule(json: rule))
                } catch {
                    throw UsageError(message: "--faults: \(path): \(name)[\(index)]: \(error)")
                }
            }
        }
    }

    /// The webhook's signature scheme: `name`, or hmac when only secrets are given; nil when neither flag is.
    /// - Throws: `UsageError` for an unknown scheme, a scheme without a secret, or a secret it cannot use.
    static func webhookSignature(_ name: String?, secrets: [String]) throws(UsageError) -> WebhookSignatureScheme? {
        guard let name else { return secrets.isEmpty ? nil : .hmac }
        let scheme: WebhookSignatureScheme
        do {
            scheme = try WebhookSignatureScheme(named: name)
        } catch {
            throw UsageError(message: "--webhook-signature: \(error)")
        }
        guard !secrets.isEmpty else {
            throw UsageError(message: "--webhook-signature \(name) needs --webhook-secret S (repeat it for rotation)")
        }
        do {
            try scheme.check(secrets: secrets)
        } catch {
            throw UsageError(message: "--webhook-secret: \(error)")
        }
        return scheme
    }

    /// `crm=8081,ticketing=8082`, or consecutive ports from `first`.
    static func parsePorts(_ list: String?, names: [String], first: UInt16?) throws(UsageError) -> [String: UInt16] {
        var ports: [String: UInt16] = [:]
        if let first, first != 0 {
            for (offset, name) in names.enumerated() {
                guard Int(first) + offset <= 65535 else { throw UsageError(message: "--port \(first) leaves no room for \(names.count) systems") }
                ports[name] = first + UInt16(offset)
            }
        }
        guard let list else { return ports }
        for item in list.split(separator: ",") {
            let parts = item.split(separator: "=")
            guard parts.count == 2, names.contains(String(parts[0])), let port = UInt16(parts[1]) else {
                throw UsageError(message: "--ports takes NAME=PORT pairs for running systems (\(names.joined(separator: ", "))), got '\(item)'")
            }
            ports[String(parts[0])] = port
        }
        return ports
    }
}
