import ArticleStore
import Crypto
import Foundation

/// The web view's sign-ins: sessions and one-time login codes, held in the
/// server's memory. Only SHA-256 hashes of the secrets are kept, so a memory
/// dump does not hand out sessions; a restart signs every browser out, and
/// the archive itself is never written to.
public actor SessionStore {
    struct Grant {
        let scope: TokenScope
        let expires: Date
    }

    /// How long a session lasts from sign-in.
    public let lifetime: Duration
    /// Most sessions kept; past it the oldest are dropped.
    let capacity: Int
    private var sessions: [Data: Grant] = [:]
    private var codes: [Data: Grant] = [:]

    /// Sessions that last `lifetime` from sign-in (12 hours unless told).
    public init(lifetime: Duration = .seconds(12 * 3600), capacity: Int = 10_000) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    /// A new session with `scope`; returns the cookie value that names it.
    func startSession(scope: TokenScope, now: Date = Date()) -> String {
        let secret = Self.secret()
        let expired = sessions.filter { $0.value.expires <= now }.map(\.key)
        for hash in expired { sessions[hash] = nil }
        if sessions.count >= capacity, let oldest = sessions.min(by: { $0.value.expires < $1.value.expires }) {
            sessions[oldest.key] = nil
        }
        sessions[Self.hash(secret)] = Grant(scope: scope, expires: now.addingTimeInterval(lifetime.seconds))
        return secret
    }

    /// The scope of the session `secret` names, or nil when there is none or it expired.
    func scope(ofSession secret: String, now: Date = Date()) -> TokenScope? {
        let hash = Self.hash(secret)
        guard let grant = sessions[hash] else { return nil }
        guard grant.expires > now else {
            sessions[hash] = nil
            return nil
        }
        return grant.scope
    }

    /// Ends the session `secret` names.
    func endSession(_ secret: String) { sessions[Self.hash(secret)] = nil }

    /// A login code that signs in once with `scope` within `validity`, as
    /// `artstore web` prints in its login link.
    public func oneTimeCode(scope: TokenScope, validity: Duration = .seconds(3600)) -> String {
        let code = Self.secret()
        codes[Self.hash(code)] = Grant(scope: scope, expires: Date().addingTimeInterval(validity.seconds))
        return code
    }

    /// The scope of a login code, which can be redeemed only once.
    func redeem(code: String, now: Date = Date()) -> TokenScope? {
        guard let grant = codes.removeValue(forKey: Self.hash(code)), grant.expires > now else { return nil }
        return grant.scope
    }

    static func secret() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static func hash(_ secret: String) -> Data { Data(SHA256.hash(data: Data(secret.utf8))) }
}
