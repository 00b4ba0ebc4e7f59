/// What ``ArticleStore/verify(progress:)`` found.
public struct VerifyReport: Sendable, Codable {
    /// One thing that is wrong, and where.
    public struct Problem: Hashable, Sendable, Codable, CustomStringConvertible {
        /// The object, version, article or table at fault.
        public let subject: String
        /// What is wrong with it.
        public let message: String
        /// The subject and the message, as one line.
        public var description: String { "\(subject): \(message)" }
    }

    /// Content objects checked: decoded and re-hashed.
    public var objects = 0
    /// Versions checked: their records re-derived and re-hashed.
    public var versions = 0
    /// Articles checked: their heads and winners recomputed.
    public var articles = 0
    /// Every problem found, each naming its object, version or table.
    public var problems: [Problem] = []
    /// Wall-clock seconds.
    public var elapsed: Double = 0

    /// True when nothing is wrong.
    public var isHealthy: Bool { problems.isEmpty }

    mutating func problem(_ subject: String, _ message: String) {
        problems.append(Problem(subject: subject, message: message))
    }
}
