// ArchiveMirror: keeps a local store a mirror of a remote archive, a folder
// (USB stick, network share) or an `artstore serve` URL, and prints what
// changed since the last run. It uses only the public API of ArticleStore
// and ArticleStoreHTTP.
//
//     swift run ArchiveMirror REMOTE STORE
//
// The first run clones; later runs pull. For a URL the token comes from
// ARTSTORE_TOKEN.
import ArticleStore
import ArticleStoreHTTP
import Foundation

let arguments = Array(CommandLine.arguments.dropFirst())
guard arguments.count == 2 else {
    FileHandle.standardError.write(Data("usage: ArchiveMirror REMOTE STORE\n".utf8))
    exit(64)
}
let (source, storePath) = (arguments[0], arguments[1])

func openRemote(_ source: String) throws -> any Remote {
    if let url = URL(string: source), ["http", "https"].contains(url.scheme?.lowercased()) {
        let token = try HTTPRemote.token(environment: ProcessInfo.processInfo.environment, file: nil)
        return HTTPRemote(url: url, token: token)
    }
    return DirectoryRemote(url: URL(fileURLWithPath: source))
}

/// Each article's winning version, by key.
func heads(_ store: ArticleStore) async throws -> [String: ArticleSummary] {
    Dictionary(try await store.articles().map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
}

do {
    let remote = try openRemote(source)
    let storeURL = URL(fileURLWithPath: storePath)
    let store: ArticleStore
    let report: SyncReport
    var before: [String: ArticleSummary] = [:]
    if ArticleStore.exists(at: storeURL) {
        store = try ArticleStore(at: storeURL)
        before = try await heads(store)
        report = try await store.pull(from: remote)
    } else {
        (store, report) = try await ArticleStore.clone(from: remote, into: storeURL)
    }
    let after = try await heads(store)
    var added = 0
    var updated = 0
    for (key, article) in after.sorted(by: { $0.value.number < $1.value.number }) {
        guard let old = before[key] else {
            added += 1
            print("+ \(key)  \(article.title)")
            continue
        }
        if old.head != article.head {
            updated += 1
            print("~ \(key)  \(article.title)" + (old.title == article.title ? "" : "  (was: \(old.title))"))
        }
    }
    print(
        "mirrored \(report.remote): \(added) new, \(updated) updated, \(after.count) articles; "
            + "\(report.received) objects, \(report.bytes) bytes in \(report.roundTrips) round trip\(report.roundTrips == 1 ? "" : "s")"
    )
    for key in report.conflicts { print("conflicted: \(key) (resolve it with `artstore resolve`)") }
    if report.unavailable > 0 { print("\(report.unavailable) objects not available yet; run again later") }
} catch {
    FileHandle.standardError.write(Data("ArchiveMirror: \(error)\n".utf8))
    exit(1)
}
