/// What an import does with a text that tells the same story as an article
/// already stored (a near-duplicate).
public struct NearDuplicatePolicy: Hashable, Sendable, CustomStringConvertible {
    /// `keep`, `link`, `skip` or `off`.
    public let name: String

    /// Store the copy as its own article and record nothing.
    public static let keep = NearDuplicatePolicy(name: "keep")
    /// Store the copy and record which story it repeats. The default.
    public static let link = NearDuplicatePolicy(name: "link")
    /// Do not store the copy as a new article; report which story it
    /// repeats. A new version of an article already stored is always kept.
    public static let skip = NearDuplicatePolicy(name: "skip")
    /// Do not look for near-duplicates, and leave the new texts out of the
    /// near-duplicate index (`reindex` adds them later).
    public static let off = NearDuplicatePolicy(name: "off")

    /// Looks a policy up by name.
    public init?(named name: String) {
        switch name.lowercased() {
        case "keep": self = .keep
        case "link": self = .link
        case "skip": self = .skip
        case "off": self = .off
        default: return nil
        }
    }

    private init(name: String) { self.name = name }

    /// The policy's name, as `--near-duplicates` takes it.
    public var description: String { name }
}
