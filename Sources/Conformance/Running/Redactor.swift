// Keeps secrets out of evidence: every value registered here is replaced wherever it appears.
import Foundation
import Synchronization

/// The secrets of a run (the target's API key, planted header values, tokens, OAuth client secrets), and the
/// replacement that hides them in every string the runner keeps.
public final class Redactor: Sendable {
    /// What a secret reads as in evidence and reports.
    public static let mark = "[redacted]"
    /// Values shorter than this are not treated as secrets (replacing `a` everywhere would destroy the evidence).
    public static let minimumLength = 4

    private let secrets = Mutex<[String]>([])
    /// RFC 3986's unreserved characters: what a URL carries unencoded.
    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    public init(_ initial: [String] = []) {
        for secret in initial { add(secret) }
    }

    /// Registers a secret, its percent-encoded form, and the Basic credential forms it can hide in.
    public func add(_ secret: String) {
        guard secret.count >= Self.minimumLength else { return }
        var forms = [secret]
        if let encoded = secret.addingPercentEncoding(withAllowedCharacters: Self.unreserved), encoded != secret {
            forms.append(encoded)
        }
        secrets.withLock { list in
            for form in forms where !list.contains(form) { list.append(form) }
            // Longest first, so a secret containing another is replaced whole.
            list.sort { $0.count > $1.count }
        }
    }

    /// Registers `user:password` as HTTP Basic credentials (their base64 form hides the password).
    public func addBasicCredentials(user: String, password: String) {
        add(Data("\(user):\(password)".utf8).base64EncodedString())
    }

    /// Every registered form, longest first (for tests that search outputs for leaks).
    public var values: [String] { secrets.withLock { $0 } }

    /// `text` with every registered secret replaced by `Redactor.mark`.
    public func redact(_ text: String) -> String {
        let list = secrets.withLock { $0 }
        var result = text
        for secret in list where result.contains(secret) {
            result = result.replacingOccurrences(of: secret, with: Self.mark)
        }
        return result
    }

    /// Whether `text` holds any registered secret (for tests that plant secrets).
    public func leaks(in text: String) -> Bool {
        secrets.withLock { $0 }.contains { text.contains($0) }
    }
}
