import ArticleStore
import ArticleStoreWeb
import Foundation
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Every page and JSON twin of the web view against a real server on
/// 127.0.0.1: sessions, status, content, escaping and headers.
@Suite struct WebRouteTests {
    static let hostileTitle = #"<script>alert("t")</script> & 'quoted' &amp;"#
    static let hostileBody =
        #"Click <a href="javascript:alert(1)">here</a> <img src=x onerror=alert(2)> "double" 'single' &lt;b&gt;"#

    /// Article 0 has three versions: an edit with a new headline, then a
    /// whitespace-only change. Article 1 is hostile text from outside.
    static func fill(_ store: ArticleStore) async throws {
        var text = paragraphs(seed: 1, count: 12)
        _ = try await store.put(article("Harbour bridge to reopen", text), key: "bridge")
        text[6] = text[6].replacingOccurrences(of: "bridge", with: "tunnel")
        text[6] += " Repairs cost more than planned."
        _ = try await store.put(article("Harbour bridge reopens late", text), key: "bridge")
        text[2] = text[2].replacingOccurrences(of: " ", with: "  ")
        _ = try await store.put(article("Harbour bridge reopens late", text), key: "bridge")
        _ = try await store.put(
            article(hostileTitle, [hostileBody]), key: "hostile<key>\"",
            metadata: ArticleMetadata(source: "<b>wire</b>", url: "javascript:alert(3)", author: "O'Brien \"&\""))
    }

    static let pagePaths = ["/", "/articles", "/search?q=bridge", "/articles/0", "/duplicates", "/conflicts", "/feeds"]
    static let apiPaths = ["/api/v1/home", "/api/v1/articles", "/api/v1/search?q=bridge", "/api/v1/articles/0"]

    @Test func everyPageNeedsASession() async throws {
        try await withWebServer(fill: Self.fill) { served in
            let versions = try await served.store.log(key: "bridge")
            let diff = "/diff/\(versions[1].id.short)/\(versions[0].id.short)"
            for path in Self.pagePaths + ["/versions/\(versions[0].id.short)", diff] {
                let page = try await served.get(path)
                #expect(page.status == 303, "\(path)")
                #expect(page.location?.hasPrefix("/login?next=") == true, "\(path)")
                let forged = try await served.get(path, cookie: "not-a-session")
                #expect(forged.status == 303, "\(path) with a made-up cookie")
                let wrongToken = try await served.get(path, token: "ast_0000")
                #expect(wrongToken.status == 303, "\(path) with a wrong token")
            }
            for path in Self.apiPaths + ["/changes.atom", "/articles/0/changes.atom"] {
                #expect(try await served.get(path).status == 401, "\(path)")
                #expect(try await served.get(path, token: "ast_0000").status == 401, "\(path) with a wrong token")
            }
            // The login page, the assets and the icon need no session.
            for path in ["/login", "/static/app.css", "/static/app.js", "/favicon.ico"] {
                #expect(try await served.get(path).status == 200, "\(path)")
            }
        }
    }

    @Test func signingInSetsAStrictCookieAndSigningOutEndsIt() async throws {
        try await withWebServer(fill: Self.fill) { served in
            let page = try await served.send(
                .POST, "/login", body: "token=\(served.token)&next=%2Farticles", headers: [("Origin", served.base)])
            #expect(page.status == 303)
            #expect(page.location == "/articles")
            let header = try #require(page.headers["Set-Cookie"].first { $0.hasPrefix("artstore_session=") })
            #expect(header.contains("HttpOnly"))
            #expect(header.contains("SameSite=Strict"))
            #expect(!header.contains("Secure"))
            let cookie = try #require(WebServed.sessionCookie(page))
            #expect(!cookie.contains(served.token))
            #expect(try await served.get("/", cookie: cookie).status == 200)

            // Behind a TLS proxy the cookie is Secure.
            let proxied = try await served.send(
                .POST, "/login", body: "token=\(served.token)",
                headers: [("Origin", "https://127.0.0.1:\(served.server.port)"), ("X-Forwarded-Proto", "https")])
            #expect(proxied.headers["Set-Cookie"].contains { $0.contains("Secure") })

            // Another site's form, or one without Origin, cannot sign in or out.
            let foreign = try await served.send(
                .POST, "/login", body: "token=\(served.token)", headers: [("Origin", "http://evil.example")])
            #expect(foreign.status == 403)
            #expect(WebServed.sessionCookie(foreign) == nil)
            #expect(try await served.send(.POST, "/login", body: "token=\(served.token)").status == 403)
            let foreignLogout = try await served.send(
                .POST, "/logout", cookie: cookie, headers: [("Origin", "http://evil.example")])
            #expect(foreignLogout.status == 403)
            #expect(try await served.get("/", cookie: cookie).status == 200)

            let out = try await served.send(.POST, "/logout", cookie: cookie, headers: [("Origin", served.base)])
            #expect(out.status == 303)
            #expect(try await served.get("/", cookie: cookie).status == 303)

            // A wrong token gets the form again, and no cookie.
            let wrong = try await served.send(
                .POST, "/login", body: "token=ast_nope", headers: [("Origin", served.base)])
            #expect(wrong.status == 401)
            #expect(WebServed.sessionCookie(wrong) == nil)
            #expect(wrong.text.contains("not valid"))

            // Only local paths are followed after sign-in.
            let away = try await served.send(
                .POST, "/login", body: "token=\(served.token)&next=%2F%2Fevil.example",
                headers: [("Origin", served.base)])
            #expect(away.location == "/")
        }
    }

    @Test func aLoginLinkWorksOnce() async throws {
        try await withWebServer(fill: Self.fill) { served in
            let code = await served.sessions.oneTimeCode(scope: .read)
            let first = try await served.get("/login?code=\(code)")
            #expect(first.status == 303)
            let cookie = try #require(WebServed.sessionCookie(first))
            #expect(try await served.get("/articles", cookie: cookie).status == 200)
            let again = try await served.get("/login?code=\(code)")
            #expect(again.status == 401)
            #expect(WebServed.sessionCookie(again) == nil)
        }
    }

    @Test func everyPageAndTwinAnswersWithItsContent() async throws {
        try await withWebServer(fill: Self.fill) { served in
            let cookie = try await served.signIn()
            let versions = try await served.store.log(key: "bridge")
            let expectations: [(String, [String])] = [
                ("/", ["4 versions", "Recent changes", "<svg class=\"chart\""]),
                ("/articles", ["Harbour bridge reopens late", "/articles/0"]),
                ("/articles?sort=title", ["Harbour bridge reopens late"]),
                ("/articles?sort=changed&versions=several", ["Harbour bridge reopens late"]),
                ("/search?q=tunnel", ["<mark>tunnel</mark>", "/articles/0"]),
                ("/articles/0", ["Headline changed", "<svg class=\"graph\"", "winner", "whitespace or quotes only"]),
                ("/versions/\(versions[1].id.short)", ["Repairs cost more than planned.", versions[1].id.hex]),
                (
                    "/diff/\(versions[2].id.short)/\(versions[1].id.short)",
                    ["<del>bridge</del>", "<ins>tunnel</ins>", "id=\"c1\"", "Headline"]
                ),
                ("/duplicates", ["Near-duplicates"]),
                ("/conflicts", ["No conflicts."]),
                ("/feeds", ["No feed has been fetched"]),
            ]
            for (path, needles) in expectations {
                let page = try await served.get(path, cookie: cookie)
                #expect(page.status == 200, "\(path)")
                #expect(page.headers.first(name: "Content-Type") == "text/html; charset=utf-8", "\(path)")
                let policy = page.headers.first(name: "Content-Security-Policy") ?? ""
                #expect(policy.contains("script-src 'self'") && !policy.contains("unsafe-inline"), "\(path)")
                for needle in needles { #expect(page.text.contains(needle), "\(path) should show \(needle)") }
                #expect(!page.text.contains("<script>"), "\(path) has an inline script")
            }
            let twins = [
                "/api/v1/home", "/api/v1/articles?sort=title", "/api/v1/search?q=tunnel", "/api/v1/articles/0",
                "/api/v1/versions/\(versions[0].id.short)",
                "/api/v1/diff/\(versions[2].id.short)/\(versions[1].id.short)",
                "/api/v1/duplicates", "/api/v1/conflicts", "/api/v1/feeds",
            ]
            for path in twins {
                let page = try await served.get(path, token: served.token)
                #expect(page.status == 200, "\(path)")
                #expect(page.headers.first(name: "Content-Type") == "application/json", "\(path)")
                #expect((try? JSONSerialization.jsonObject(with: Data(page.text.utf8))) is [String: Any], "\(path)")
            }
            let listing = try JSONDecoder().decode(
                ListingJSON.self, from: Data(try await served.get("/api/v1/articles", cookie: cookie).text.utf8))
            #expect(listing.page.articles.map(\.number) == [0, 1])
        }
    }

    struct ListingJSON: Decodable {
        struct Page: Decodable {
            struct Row: Decodable { var number: Int }
            var articles: [Row]
        }
        var page: Page
    }

    @Test func theHomePageFollowsChangesToTheStore() async throws {
        try await withWebServer(fill: Self.fill) { served in
            /// Asks for the home page until it shows `text`: after a change, the
            /// kept copy is served while a fresh one is made.
            func eventually(_ text: String) async throws -> Bool {
                for _ in 0..<100 {
                    if try await served.get("/api/v1/home", token: served.token).text.contains(text) { return true }
                    try await Task.sleep(for: .milliseconds(20))
                }
                return false
            }
            #expect(try await eventually("\"versions\":4"))
            _ = try await served.store.put(article("Another story", paragraphs(seed: 5, count: 2)), key: "other")
            #expect(try await eventually("\"versions\":5"))
            try await served.store.addRemote(RemoteInfo(name: "usb", location: "/media/usb/archive"))
            #expect(try await eventually("/media/usb/archive"))
        }
    }

    @Test func theHomePageListsTheLastImportsAndSyncs() async throws {
        try await withWebServer(fill: Self.fill) { served in
            let cookie = try await served.signIn()
            #expect(try await served.get("/", cookie: cookie).text.contains("Nothing imported or synced"))
            // A folder whose name is markup, imported, then pushed to a folder remote.
            let folder = served.directory.appendingPathComponent("<img src=x onerror=alert(1)>")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data("Imported story\n\nFrom a folder.\n".utf8).write(to: folder.appendingPathComponent("007_x.txt"))
            _ = try await served.store.importFiles([folder])
            _ = try await served.store.push(to: DirectoryRemote(url: served.directory.appendingPathComponent("share")))
            let home = try await served.get("/", cookie: cookie).text
            #expect(home.contains("Last imports and syncs"))
            #expect(home.contains("&lt;img src=x onerror=alert(1)&gt;") && !home.contains("<img src=x"))
            #expect(home.contains("1 new, 0 updated"))
            let push = try #require(home.range(of: "<td>push</td>"))
            let imported = try #require(home.range(of: "<td>import</td>"))
            #expect(push.lowerBound < imported.lowerBound, "newest first")
            let api = try await served.get("/api/v1/home", token: served.token).text
            #expect(api.contains(#""kind":"push""#) && api.contains(#""kind":"import""#))
        }
    }

    @Test func badRequestsGetErrorsThatNameWhatIsWrong() async throws {
        try await withWebServer(fill: Self.fill) { served in
            let cookie = try await served.signIn()
            let missing = try await served.get("/articles/999", cookie: cookie)
            #expect(missing.status == 404)
            #expect(missing.text.contains("999"))
            let apiMissing = try await served.get("/api/v1/articles/999", token: served.token)
            #expect(apiMissing.status == 404)
            #expect(apiMissing.text.contains("not-found"))
            // A handler's 404 stays a 404 (schemathesis found it turned into 405).
            let noSuchKey = try await served.get("/api/v1/articles?duplicates-of=missing", token: served.token)
            #expect(noSuchKey.status == 404)
            #expect(noSuchKey.text.contains("missing"))
            #expect(try await served.get("/search?q=a&to=", cookie: cookie).status == 200)
            #expect(try await served.get("/articles?sort=size", cookie: cookie).status == 400)
            #expect(try await served.get("/articles?after=garbage", cookie: cookie).status == 400)
            #expect(try await served.get("/search?q=%22unclosed", cookie: cookie).status == 400)
            #expect(try await served.get("/search?q=a&from=2026-13-40", cookie: cookie).status == 400)
            #expect(try await served.get("/versions/zz", cookie: cookie).status == 404)
            #expect(try await served.get("/versions/abc", cookie: cookie).status == 400)
            #expect(try await served.get("/versions/00000000", cookie: cookie).status == 404)
        }
    }

    @Test func textFromOutsideNeverBecomesMarkup() async throws {
        try await withWebServer(fill: Self.fill) { served in
            let cookie = try await served.signIn()
            let hostile = try await served.store.log(key: "hostile<key>\"")[0]
            let paths = [
                "/", "/articles", "/articles?sort=title", "/articles/1", "/versions/\(hostile.id.short)",
                "/search?q=click", "/search?q=%3Cscript%3E", "/articles?source=%3Cb%3Ewire%3C%2Fb%3E",
                "/articles?duplicates-of=hostile%3Ckey%3E%22", "/diff/\(hostile.id.short)/\(hostile.id.short)",
                "/login?next=%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E",
            ]
            for path in paths {
                let page = try await served.get(path, cookie: cookie)
                // `<script>` is not a search FTS5 can parse: the error page must escape it too.
                #expect(page.status == (path.hasSuffix("%3Cscript%3E") ? 400 : 200), "\(path)")
                for forbidden in ["<script>", "<img", "href=\"javascript:", "<b>wire", "<a href=\"javascript"] {
                    #expect(!page.text.contains(forbidden), "\(path) lets \(forbidden) through")
                }
            }
            let version = try await served.get("/versions/\(hostile.id.short)", cookie: cookie).text
            #expect(
                version.contains("&lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt; &amp; &#39;quoted&#39; &amp;amp;"))
            #expect(version.contains("O&#39;Brien &quot;&amp;&quot;"))
            #expect(version.contains("javascript:alert(3)"))  // shown as text, not linked
            let feed = try await served.get("/articles/1/changes.atom", cookie: cookie)
            #expect(!feed.text.contains("<script>"))
            #expect(try Self.parsesAsXML(feed.text))
        }
    }

    @Test func changeFeedsHoldEachVersionsDiff() async throws {
        try await withWebServer(fill: Self.fill) { served in
            let archive = try await served.get("/changes.atom", token: served.token)
            #expect(archive.status == 200)
            #expect(archive.headers.first(name: "Content-Type") == "application/atom+xml; charset=utf-8")
            #expect(try Self.parsesAsXML(archive.text))
            #expect(archive.text.components(separatedBy: "<entry>").count - 1 == 4)
            let single = try await served.get("/articles/0/changes.atom", token: served.token)
            #expect(single.text.components(separatedBy: "<entry>").count - 1 == 3)
            // The diff travels escaped inside the entry's HTML content.
            #expect(single.text.contains("&lt;ins&gt;tunnel&lt;/ins&gt;"))
        }
    }

    @Test func diffsFoldUnchangedTextAndLinkChanges() async throws {
        try await withWebServer(fill: Self.fill) { served in
            let cookie = try await served.signIn()
            let versions = try await served.store.log(key: "bridge")
            let base = "/diff/\(versions[2].id.short)/\(versions[1].id.short)"
            let folded = try await served.get(base, cookie: cookie).text
            #expect(folded.contains("<details><summary>"))
            #expect(folded.contains("next version →"))
            let all = try await served.get(base + "?context=all", cookie: cookie).text
            #expect(!all.contains("<details>"))
            let side = try await served.get(base + "?view=side", cookie: cookie).text
            #expect(side.contains("class=\"side\""))
            #expect(side.contains("<del>bridge</del>") && side.contains("<ins>tunnel</ins>"))
            let hidden = try await served.get("/articles/0?trivial=hide", cookie: cookie).text
            #expect(!hidden.contains("whitespace or quotes only</span>"))
            #expect(hidden.contains("Show 1 whitespace-only version"))
        }
    }

    static func parsesAsXML(_ text: String) throws -> Bool {
        XMLParser(data: Data(text.utf8)).parse()
    }
}
