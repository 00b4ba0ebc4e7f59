import Foundation

/// A page of the web view: the data, which is also its JSON twin under
/// `/api/v1/`, and the markup that shows it.
protocol WebPage: Encodable, Sendable {
    /// The page's title, for `<title>` and its heading.
    var title: String { get }
    /// Which item of the navigation bar the page belongs to.
    var section: Section { get }
    /// The page's content, inside the layout's `<main>`.
    var body: HTML { get }
    /// A feed of the page's changes, for `<link rel="alternate">`.
    var changeFeed: String? { get }
}

extension WebPage {
    var changeFeed: String? { nil }
}

/// The navigation bar's items.
enum Section: String, Sendable, CaseIterable {
    case home, articles, search, duplicates, conflicts, feeds, none

    var label: String {
        switch self {
        case .home: "Home"
        case .articles: "Articles"
        case .search: "Search"
        case .duplicates: "Near-duplicates"
        case .conflicts: "Conflicts"
        case .feeds: "Feeds"
        case .none: ""
        }
    }

    var path: String {
        switch self {
        case .home: "/"
        default: "/\(rawValue)"
        }
    }
}
