import Foundation

/// An error from the store, saying what went wrong and which file, key or
/// object it concerns.
///
/// Compare errors by ``code``; new codes may be added in later releases.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure this is. New codes may be added.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        fileprivate enum Value: String {
            case notFound = "not-found"
            case ambiguous
            case invalidArgument = "invalid-argument"
            case invalidArticle = "invalid-article"
            case corrupt
            case io
            case database
            case searchSyntax = "search-syntax"
            case invalidFeed = "invalid-feed"
            case invalidMessage = "invalid-message"
            case unauthorized
            case forbidden
            case remote
            case unavailable
        }
        fileprivate let value: Value

        /// No article or object matches the given key, ID or prefix.
        public static let notFound = Code(value: .notFound)
        /// An ID prefix matches more than one object.
        public static let ambiguous = Code(value: .ambiguous)
        /// An argument is malformed (for example an ID prefix shorter than 8 digits).
        public static let invalidArgument = Code(value: .invalidArgument)
        /// Article bytes were rejected: bad encoding, empty, no title, too large.
        public static let invalidArticle = Code(value: .invalidArticle)
        /// Stored data does not match its hash or cannot be decoded.
        public static let corrupt = Code(value: .corrupt)
        /// A file could not be read or written.
        public static let io = Code(value: .io)
        /// The database reported an error: SQLite for a store, PostgreSQL for a hub.
        public static let database = Code(value: .database)
        /// A search query could not be parsed.
        public static let searchSyntax = Code(value: .searchSyntax)
        /// A feed was refused: malformed, wrongly encoded, missing required
        /// elements, declaring entities, or over the size limit. The message
        /// starts with the `line:column` at fault when there is one.
        public static let invalidFeed = Code(value: .invalidFeed)
        /// A pack or sync message failed its checks (framing, checksum,
        /// sizes, types, hashes); nothing from it was applied.
        public static let invalidMessage = Code(value: .invalidMessage)
        /// A remote refused the request: no token, or an unknown one.
        public static let unauthorized = Code(value: .unauthorized)
        /// A remote refused the request: the token's scope does not allow it.
        public static let forbidden = Code(value: .forbidden)
        /// A remote could not be reached or answered with an error.
        public static let remote = Code(value: .remote)
        /// A service the request needs, such as a hub's database, cannot be
        /// reached now; the same request may succeed later.
        public static let unavailable = Code(value: .unavailable)

        /// The code's name, such as `not-found`.
        public var description: String { value.rawValue }
    }

    /// The kind of failure.
    public let code: Code
    /// A human-readable explanation.
    public let message: String
    /// The file, key or object the error concerns, when there is one.
    public let subject: String?
    /// The error that caused this one, when there is one.
    public let underlying: (any Error)?

    /// An error of kind `code` about `subject`, with the error that caused it, if any.
    public init(_ code: Code, _ message: String, subject: String? = nil, underlying: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.subject = subject
        self.underlying = underlying
    }

    /// The subject and the message, as one line.
    public var description: String {
        var text = subject.map { "\($0): \(message)" } ?? message
        if let underlying { text += " (\(underlying))" }
        return text
    }
}

extension StoreError: LocalizedError {
    /// The description, for `LocalizedError`.
    public var errorDescription: String? { description }
}
