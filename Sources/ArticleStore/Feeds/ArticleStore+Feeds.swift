import Foundation
import GRDB

extension ArticleStore {
    /// Imports the items of an RSS 2.0, RSS 1.0 or 0.90 (RDF), Atom 1.0 or
    /// 0.3, JSON Feed 1.0/1.1 or Channel Definition Format document.
    ///
    /// Each item becomes an article whose text is its title, a blank line and
    /// its content (or summary) converted from HTML to paragraphs. An item
    /// without a title gets its text's first sentence, cut at a word near 80
    /// characters, and its version records that the title was derived
    /// (``ArticleVersion/titleDerived``). Its metadata records the feed
    /// title as source (a feed without one is named after its URL or file,
    /// with a warning in ``FeedReport/warnings``), the item link as URL, the
    /// author and the publication date. The key is the item's GUID or id,
    /// else its link without tracking parameters (`utm_*`, `fbclid`,
    /// `gclid`, `mc_cid`, `mc_eid`, `ref`…), else its title and date joined
    /// by `|`; `namespace` prefixes it with `NS/`.
    ///
    /// Importing the same feed again adds nothing; an item whose text changed
    /// becomes a new version of its article; an item whose text another
    /// article already holds exactly (say, after its GUID changed) is reported
    /// as a duplicate of that article and creates nothing.
    ///
    /// **Broken feeds.** A document that is not well-formed (or not valid JSON),
    /// whose bytes do not match its declared encoding, that lacks the feed's
    /// required elements (an RSS channel), that declares XML
    /// entities, or that is larger than ``Configuration/sizeLimit`` is refused
    /// as a whole with a `.invalidFeed` error naming `source` and the
    /// `line:column` at fault, and nothing is written. Items of such a
    /// document are never imported: once the markup is broken, where one item
    /// ends and the next begins is a guess, and a guess could store a mangled
    /// article under a real item's identity. In a well-formed feed, by
    /// contrast, items are cleanly delimited, so an item that cannot become
    /// an article (no title and no content, text over the size limit) is
    /// listed in ``FeedReport/failures`` with its position and the other
    /// items are imported.
    ///
    /// All items and `state` (the HTTP caching state of a fetched feed) are
    /// written in one transaction.
    ///
    /// - Parameters:
    ///   - data: The feed document.
    ///   - source: The file path or URL the document came from, used in
    ///     errors and reports, recorded as each version's origin, and (for an
    ///     `http(s)` URL) as the base of relative links.
    ///   - namespace: Prefixes every key with `namespace/`, to keep unrelated feeds apart.
    ///   - state: The HTTP caching state of a fetched feed, recorded with
    ///     the items if the import succeeds.
    ///   - charset: The `charset` parameter of the `Content-Type` a server
    ///     sent the feed with. It outranks the XML declaration (RFC 7303);
    ///     a byte-order mark outranks both.
    public func importFeed(
        _ data: Data, source: String, namespace: String? = nil, state: FeedState? = nil, charset: String? = nil
    ) async throws -> FeedReport {
        guard data.count <= configuration.sizeLimit else {
            throw StoreError(
                .invalidFeed, "feed is \(data.count) bytes, over the size limit of \(configuration.sizeLimit) bytes",
                subject: source)
        }
        return try await offload { [self] in
            let clock = ContinuousClock.now
            let feed: ParsedFeed
            do throws(FeedSyntaxError) {
                let address = source.lowercased().hasPrefix("http") && FeedLinks.hasScheme(source) ? source : nil
                feed = try FeedParser.parse([UInt8](data), documentURL: address, charset: charset)
            } catch {
                throw error.storeError(source: source)
            }
            var report = FeedReport(source: source, format: feed.format, title: feed.title ?? Self.feedName(source))
            report.items = feed.entries.count
            if feed.title == nil {
                report.warnings.append("the feed has no title; its articles' source is named \"\(report.title)\"")
            }
            let articles = prepare(feed, source: source, namespace: namespace, report: &report)
            let derived = articles.filter(\.article.metadata.titleDerived).map(\.item)
            if !derived.isEmpty {
                report.warnings.append(
                    "\(derived.count == 1 ? "item" : "items") \(derived.map(String.init).joined(separator: ", ")) "
                        + "had no title; the first sentence of the text stands in for it")
            }
            try trainDictionaryIfNeeded(articles.map(\.article.text.bytes))
            try write { db in
                let writer = FeedWriter(db: db, codec: codec)
                for (item, article) in articles { try writer.put(article, item: item, into: &report) }
                try writer.finish()
                try state?.save(db)
                try StoreOperation(report, elapsed: (ContinuousClock.now - clock).seconds).save(db)
            }
            return report
        }
    }

    /// What a feed without a title is called, as a feed reader would: its
    /// URL without the scheme, or its file's name.
    static func feedName(_ source: String) -> String {
        if FeedLinks.hasScheme(source), let url = URL(string: source), let host = url.host {
            let path = url.path == "/" ? "" : url.path
            return host + path + (url.query.map { "?" + $0 } ?? "")
        }
        return (source as NSString).lastPathComponent
    }

    /// Validates each item's text and key, noting failures and repeated identities.
    private func prepare(
        _ feed: ParsedFeed, source: String, namespace: String?, report: inout FeedReport
    ) -> [(item: Int, article: PreparedArticle)] {
        var seen: [String: Int] = [:]
        var articles: [(item: Int, article: PreparedArticle)] = []
        for (offset, entry) in feed.entries.enumerated() {
            let item = offset + 1
            func failure(_ reason: String) {
                report.failures.append(.init(item: item, position: entry.position, reason: reason))
            }
            if let problem = entry.problem { failure(problem) }
            guard entry.problem == nil, let identity = entry.identity, let text = entry.articleText else {
                if entry.problem == nil { failure("the item has no identity: no GUID, id, link or title") }
                continue
            }
            let key = namespace.map { "\($0)/\(identity)" } ?? identity
            if let first = seen[key] {
                report.repeated.append(.init(item: item, key: key, firstItem: first))
                continue
            }
            seen[key] = item
            do {
                let checked = try ArticleText.decode(
                    Array(text.utf8), encoding: .utf8, sizeLimit: configuration.sizeLimit,
                    subject: "\(source) item \(item) (\(entry.position))")
                let metadata = ArticleMetadata(
                    source: report.title, url: entry.cleanLink, author: entry.author, published: entry.published,
                    origin: source, titleDerived: entry.titleIsDerived)
                var article = PreparedArticle(key: key, text: checked, metadata: metadata)
                article.blob = codec.encode(checked.bytes)
                articles.append((item, article))
            } catch let error as StoreError {
                failure(error.message)
            } catch {
                failure("\(error)")
            }
        }
        return articles
    }
}
