/// What ``ArticleStore/verify(progress:)`` found.
public struct VerifyReport: Sendable, Codable {
    /// One thing that is wrong, and where.
    public struct Problem: Hashable, Sendable, Codable, CustomStringConvertible {
        /// The object, version, article or table at fault.
        public let subject: String
        public let message: String
        public var description: String { "\(subject): \(message)" }
    }

    public var objects = 0
    public var versions = 0
    public var articles = 0
    public var problems: [Problem] = []
    public var elapsed: Double = 0

    /// True when nothing is wrong.
    public var isHealthy: Bool { problems.isEmpty }

    mutating func problem(_ subject: String, _ message: String) {
        problems.append(Problem(subject: subject, message: message))
    }
}
