import ArticleStore
import Foundation
import Hummingbird

/// The Atom feeds of changes: the whole archive's latest versions, or one
/// article's, each entry holding the diff against the version before.
@available(macOS 14, iOS 17, tvOS 17, *)
struct ChangeFeeds: Sendable {
    let store: ArticleStore

    func archive(_ request: Request) async throws -> String {
        let versions = try await store.recentVersions(limit: 50)
        return try await feed(
            title: "ArticleStore: recent changes", path: "/changes.atom", request: request, versions: versions)
    }

    func article(_ request: Request, _ context: BasicRequestContext) async throws -> String {
        let summary = try await Pages(store: store).articleNamed(context)
        let versions = try await store.log(key: summary.key).sorted { $0.imported > $1.imported }.prefix(50)
        return try await feed(
            title: "Changes to \(summary.title)", path: Links.articleFeed(summary.number), request: request,
            versions: Array(versions))
    }

    private func feed(title: String, path: String, request: Request, versions: [ArticleVersion]) async throws -> String
    {
        let base = (Login.isSecure(request) ? "https://" : "http://") + (request.head.authority ?? "localhost")
        var entries: [HTML] = []
        for version in versions {
            let diff = try await store.diff(key: version.key, to: version.id)
            let content = DiffBlocks(diff.segments).render(sideBySide: false, context: 1)
            let summary = version.parents.isEmpty ? "First version" : "Edited"
            entries.append(
                """
                <entry>
                <id>urn:artstore:version:\(version.id.hex)</id>
                <title>\(summary): \(version.title)</title>
                <updated>\(Format.iso(version.imported))</updated>
                <link rel="alternate" type="text/html" href="\(base)\(version.parents.first.map { Links.diff($0, version.id) } ?? Links.version(version.id))"/>
                <content type="html">\(content.markup)</content>
                </entry>
                """)
        }
        let updated = versions.map(\.imported).max() ?? Date(timeIntervalSince1970: 0)
        let document: HTML = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom">
            <id>\(base)\(path)</id>
            <title>\(title)</title>
            <updated>\(Format.iso(updated))</updated>
            <link rel="self" href="\(base)\(path)"/>
            <author><name>ArticleStore</name></author>
            \(entries)
            </feed>
            """
        return document.markup
    }
}
