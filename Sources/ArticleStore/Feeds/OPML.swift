import Foundation

/// One feed of a subscription list.
public struct OPMLSubscription: Hashable, Sendable, Codable {
    /// The feed's address (`xmlUrl`).
    public let url: String
    /// Its name in the list (`title`, else `text`), if any.
    public let title: String?
    /// Where its outline starts in the document.
    public let position: FeedPosition
}

/// Subscription lists in OPML, the format every feed reader exports.
public enum OPML {
    /// The feeds `data` lists: every `<outline>` with an `xmlUrl`, at any
    /// depth, in document order, each address once. The document is read
    /// with the feed reader's rules (its encodings, no entity declarations);
    /// one that is not OPML or not well-formed is refused with a
    /// `.invalidFeed` error naming `source` and the line:column at fault.
    public static func subscriptions(in data: Data, source: String) throws -> [OPMLSubscription] {
        do throws(FeedSyntaxError) {
            let text = try FeedDecoding.xml([UInt8](data))
            let root = try XMLReader.parse(text)
            guard root.local == "opml" else {
                throw FeedSyntaxError(
                    position: text.position(of: root.offset),
                    message: "<\(root.name)> is not the root of an OPML document")
            }
            guard let body = root.child("body") else {
                throw FeedSyntaxError(position: text.position(of: root.offset), message: "<opml> has no <body>")
            }
            var seen = Set<String>()
            var found: [OPMLSubscription] = []
            func walk(_ node: XMLNode) {
                for outline in node.children("outline") {
                    let attributes = Dictionary(
                        outline.attributes.map { ($0.key.lowercased(), $0.value) },
                        uniquingKeysWith: { first, _ in first })
                    if let url = attributes["xmlurl"]?.trimmingCharacters(in: .whitespaces), !url.isEmpty,
                        seen.insert(url).inserted
                    {
                        let title = [attributes["title"], attributes["text"]].compactMap { $0 }.first { !$0.isEmpty }
                        found.append(
                            OPMLSubscription(url: url, title: title, position: text.position(of: outline.offset)))
                    }
                    walk(outline)
                }
            }
            walk(body)
            return found
        } catch {
            throw error.storeError(source: source)
        }
    }
}
