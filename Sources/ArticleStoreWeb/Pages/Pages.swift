import ArticleStore
import Foundation
import Hummingbird

/// Builds each page's data from the store and the request.
@available(macOS 14, iOS 17, tvOS 17, *)
struct Pages: Sendable {
    let store: ArticleStore
    /// The home page, kept between visits (but for its list of imports and
    /// syncs, read each time): its counts and sizes read every object row,
    /// about a second on a store of 100k articles. When the store changes,
    /// visitors get the kept page while one fresh copy is made in the background.
    let homeCache = HomeCache()

    actor HomeCache {
        private var key: String?
        private var page: HomePage?
        private var refreshing = false

        /// The kept page, and whether it is for `key`.
        func lookup(_ key: String) -> (page: HomePage?, current: Bool) { (page, self.key == key) }

        /// True for the one caller that is to make the next fresh copy.
        func claimRefresh() -> Bool {
            defer { refreshing = true }
            return !refreshing
        }

        func keep(_ page: HomePage?, for key: String) {
            if let page {
                self.key = key
                self.page = page
            }
            refreshing = false
        }
    }

    /// Makes the first copy of the home page, so that no visitor waits for it.
    func warmHome() {
        Task { [self] in _ = try? await home() }
    }

    func home(_ request: Request, _ context: BasicRequestContext) async throws -> any WebPage {
        try await home()
    }

    func home() async throws -> HomePage {
        // The change log and the day (the chart ends today). Remotes change
        // without a change, so they are part of the key; a feed fetched for
        // the first time that adds no version is counted once something else changes.
        let remotes = try await store.remotes().map { "\($0.name)=\($0.location)" }.joined(separator: " ")
        let key = "\(try await store.changeSequence()) \(Format.day(Date())) \(remotes)"
        var page: HomePage
        switch await homeCache.lookup(key) {
        case (let kept?, true):
            page = kept
        case (let kept?, false):
            page = kept
            if await homeCache.claimRefresh() {
                Task { [self] in await homeCache.keep(try? await freshHome(), for: key) }
            }
        case (nil, _):
            page = try await freshHome()
            await homeCache.keep(page, for: key)
        }
        // A sync that brings nothing moves no change, so the log is read each time (a small table).
        page.operations = try await store.recentOperations(limit: 10)
        return page
    }

    func freshHome() async throws -> HomePage {
        async let stats = store.stats()
        async let activity = store.activity(days: 30)
        async let recent = store.recentVersions(limit: 12)
        async let remotes = store.remotes()
        async let feeds = store.feeds()
        return HomePage(
            computed: Date(), stats: try await stats, activity: try await activity, recent: try await recent,
            remotes: try await remotes.map { HomePage.Remote(name: $0.name, location: $0.location) },
            feeds: try await feeds.count)
    }

    func articles(_ request: Request, _ context: BasicRequestContext) async throws -> any WebPage {
        let query = request.uri.queryParameters
        var list = ArticleListQuery()
        if let sort = query["sort"] {
            guard let parsed = ArticleListQuery.Sort(rawValue: String(sort)) else {
                throw StoreError(.invalidArgument, "sort is number, changed or title", subject: String(sort))
            }
            list.sort = parsed
        }
        list.source = Self.nonEmpty(query["source"])
        list.multipleVersions = try Self.flag(query["versions"], name: "versions", on: "several")
        list.conflicted = try Self.flag(query["conflicted"], name: "conflicted", on: "1")
        list.nearDuplicateOf = Self.nonEmpty(query["duplicates-of"])
        list.after = Self.nonEmpty(query["after"])
        list.before = Self.nonEmpty(query["before"])
        if let limit = query["limit"] {
            guard let parsed = Int(limit) else {
                throw StoreError(.invalidArgument, "limit is a number", subject: String(limit))
            }
            list.limit = parsed
        }
        return ArticlesPage(query: list, page: try await store.articles(list))
    }

    func search(_ request: Request, _ context: BasicRequestContext) async throws -> any WebPage {
        let query = request.uri.queryParameters
        let text = Self.nonEmpty(query["q"]) ?? ""
        var filter = SearchFilter(source: Self.nonEmpty(query["source"]))
        filter.since = try Self.day(query["from"], name: "from")
        filter.until = try Self.day(query["to"], name: "to").map { $0.addingTimeInterval(86_400) }
        let page = try Self.number(query["page"], name: "page", default: 1, range: 1...100)
        let perPage = 20
        var hits: [SearchHit] = []
        var more = false
        if !text.isEmpty {
            hits = try await store.search(
                text, filter: filter, limit: perPage + 1, offset: (page - 1) * perPage,
                highlight: (String(Format.Markers.open), String(Format.Markers.close)),
                rankingWindow: SearchPage.rankingWindow)
            more = hits.count > perPage
            hits = Array(hits.prefix(perPage))
        }
        return SearchPage(
            query: text, source: filter.source, from: Self.nonEmpty(query["from"]), to: Self.nonEmpty(query["to"]),
            page: page, hits: hits, more: more)
    }

    func article(_ request: Request, _ context: BasicRequestContext) async throws -> any WebPage {
        let summary = try await articleNamed(context)
        async let history = store.log(key: summary.key)
        async let trivial = store.trivialVersions(key: summary.key)
        return ArticlePage(
            article: summary, history: try await history, trivial: try await trivial,
            hideTrivial: request.uri.queryParameters["trivial"] == "hide")
    }

    func version(_ request: Request, _ context: BasicRequestContext) async throws -> any WebPage {
        let version = try await versionNamed(context.parameters.require("id"))
        let text = String(decoding: try await store.content(version.content), as: UTF8.self)
        return VersionPage(version: version, text: text)
    }

    func diff(_ request: Request, _ context: BasicRequestContext) async throws -> any WebPage {
        let from = try await versionNamed(context.parameters.require("from"))
        let to = try await versionNamed(context.parameters.require("to"))
        let query = request.uri.queryParameters
        let diff = try await store.diff(from: from.id, to: to.id)
        let sameArticle = from.key == to.key
        let history = sameArticle ? try await store.log(key: to.key) : []
        return DiffPage(
            from: from, to: to, diff: diff, history: history, sideBySide: query["view"] == "side",
            context: query["context"] == "all" ? nil : 1)
    }

    func duplicates(_ request: Request, _ context: BasicRequestContext) async throws -> any WebPage {
        let page = try Self.number(request.uri.queryParameters["page"], name: "page", default: 1, range: 1...100_000)
        let perPage = 20
        let clusters = try await store.duplicateClusters()
        let shown = clusters.dropFirst((page - 1) * perPage).prefix(perPage)
        var rows: [DuplicatesPage.Cluster] = []
        for cluster in shown {
            let story = cluster.members[0]
            let links = try await store.nearDuplicates(of: story.key)
            let scores = Dictionary(links.map { ($0.key, $0.score) }, uniquingKeysWith: max)
            rows.append(
                DuplicatesPage.Cluster(
                    members: cluster.members.enumerated().map { offset, member in
                        DuplicatesPage.Member(
                            number: member.number, key: member.key, content: member.id, origin: member.origin,
                            score: offset == 0 ? 1 : scores[member.key] ?? 1)
                    }))
        }
        return DuplicatesPage(clusters: rows, total: clusters.count, page: page, perPage: perPage)
    }

    func conflicts(_ request: Request, _ context: BasicRequestContext) async throws -> any WebPage {
        ConflictsPage(conflicts: try await store.conflicts())
    }

    func feeds(_ request: Request, _ context: BasicRequestContext) async throws -> any WebPage {
        FeedsPage(feeds: try await store.feeds())
    }

    /// The article the path's `{number}` names.
    func articleNamed(_ context: BasicRequestContext) async throws -> ArticleSummary {
        let text = try context.parameters.require("number")
        guard let number = Int(text), number >= 0 else {
            throw StoreError(.invalidArgument, "an article is named by its number", subject: text)
        }
        guard let key = try await store.key(forNumber: number) else {
            throw StoreError(.notFound, "no article has this number", subject: text)
        }
        return try await store.article(key: key)
    }

    /// The version a path's ID (or unique prefix of 8 hex digits or more) names.
    func versionNamed(_ text: String) async throws -> ArticleVersion {
        let reference = try await store.lookup(text)
        guard reference.kind == .version else {
            throw StoreError(.notFound, "no version has this ID (it names \(reference.kind))", subject: text)
        }
        return try await store.version(reference.id)
    }

    static func nonEmpty(_ value: Substring?) -> String? {
        guard let value, !value.isEmpty else { return nil }
        return String(value)
    }

    /// True for `on`, false when absent; anything else, even empty, is an
    /// error (a form's checkbox sends its value or nothing).
    static func flag(_ value: Substring?, name: String, on: String) throws -> Bool {
        guard let value else { return false }
        guard value == on else {
            throw StoreError(.invalidArgument, "\(name) is \(on) or absent", subject: String(value))
        }
        return true
    }

    /// `value` as a number in `range`, `default` when absent; anything else, even empty, is an error.
    static func number(_ value: Substring?, name: String, default: Int, range: ClosedRange<Int>) throws -> Int {
        guard let value else { return `default` }
        guard let number = Int(value), range.contains(number) else {
            throw StoreError(
                .invalidArgument, "\(name) is a number from \(range.lowerBound) to \(range.upperBound)",
                subject: String(value))
        }
        return number
    }

    /// A `YYYY-MM-DD` date, as a date input sends it, at midnight UTC.
    static func day(_ value: Substring?, name: String) throws -> Date? {
        guard let value, !value.isEmpty else { return nil }
        let parts = value.split(separator: "-")
        var components = DateComponents()
        components.timeZone = TimeZone(identifier: "UTC")
        if parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            (1...9999).contains(year), (1...12).contains(month), (1...31).contains(day)
        {
            components.year = year
            components.month = month
            components.day = day
            if let date = Calendar(identifier: .gregorian).date(from: components) { return date }
        }
        throw StoreError(.invalidArgument, "\(name) is a date like 2026-12-04", subject: String(value))
    }
}
