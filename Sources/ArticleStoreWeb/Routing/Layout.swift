/// The frame every page shares: head, navigation bar, search box, the
/// keyboard help, and sign-out.
enum Layout {
    static func document(title: String, section: Section, changeFeed: String?, signedIn: Bool, content: HTML)
        -> HTML
    {
        let items = Section.allCases.filter { $0 != .none }.map { item -> HTML in
            let current: HTML = item == section ? #" aria-current="page""# : ""
            return "<li><a href=\"\(item.path)\"\(current)>\(item.label)</a></li>"
        }
        let feed: HTML =
            changeFeed.map { #"<link rel="alternate" type="application/atom+xml" title="Changes" href="\#($0)">"# }
            ?? ""
        let signOut: HTML =
            signedIn
            ? #"<form method="post" action="/logout" class="signout"><button type="submit">Sign out</button></form>"#
            : ""
        return """
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="color-scheme" content="light dark">
            <title>\(title) · ArticleStore</title>
            <link rel="stylesheet" href="/static/app.css">
            <link rel="icon" href="/favicon.ico" type="image/svg+xml">
            \(feed)
            <script src="/static/app.js" defer></script>
            </head>
            <body>
            <a class="skip" href="#main">Skip to content</a>
            <header>
            <nav aria-label="Sections"><ul>\(items)</ul></nav>
            \(signedIn ? searchBox : "")
            \(signOut)
            </header>
            <main id="main">
            <h1>\(title)</h1>
            \(content)
            </main>
            <footer>
            <p>ArticleStore · press <kbd>?</kbd> for keyboard shortcuts</p>
            </footer>
            <div id="help" class="help" hidden>
            <h2>Keyboard</h2>
            <dl>
            <dt><kbd>j</kbd> / <kbd>k</kbd></dt><dd>next / previous item or change</dd>
            <dt><kbd>/</kbd></dt><dd>search</dd>
            <dt><kbd>?</kbd></dt><dd>show or hide this help</dd>
            </dl>
            </div>
            </body>
            </html>
            """
    }

    static let searchBox: HTML = """
        <form method="get" action="/search" role="search" class="quick-search">
        <label for="quick-q" class="visually-hidden">Search the archive</label>
        <input id="quick-q" name="q" type="search" placeholder="Search (press /)" data-search>
        </form>
        """
}
