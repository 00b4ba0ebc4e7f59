// ArchiveHistory: archives a folder of articles into a store, then prints
// each article's history. It uses only ArticleStore's public API.
//
//     swift run ArchiveHistory FOLDER [STORE]
import ArticleStore
import Foundation

let arguments = CommandLine.arguments.dropFirst()
guard let folder = arguments.first else {
    FileHandle.standardError.write(Data("usage: ArchiveHistory FOLDER [STORE]\n".utf8))
    exit(64)
}
let storeURL = URL(fileURLWithPath: arguments.dropFirst().first ?? "archive-history.artstore")

do {
    let store = try ArticleStore(at: storeURL)
    let report = try await store.importFiles([URL(fileURLWithPath: folder)])
    print(
        "archived \(report.files) files: \(report.newArticles) new, \(report.newVersions) revised, \(report.unchanged) unchanged"
    )
    for failure in report.failures { print("  skipped \(failure.file): \(failure.reason)") }
    for article in try await store.articles() {
        print("\n\(article.key): \(article.title)")
        for version in try await store.log(key: article.key) {
            let parents = version.parents.map(\.short).joined(separator: ", ")
            print(
                "  \(version.id.short)  \(version.imported.formatted(.iso8601))  \(version.size) bytes"
                    + (parents.isEmpty ? "" : "  after \(parents)"))
        }
    }
} catch {
    FileHandle.standardError.write(Data("ArchiveHistory: \(error)\n".utf8))
    exit(1)
}
