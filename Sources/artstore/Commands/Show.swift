import ArgumentParser
import ArticleStore
import Foundation

struct Show: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show an article, version or content by key or by ID prefix (8+ hex digits).")

    @OptionGroup var options: StoreOptions
    @OptionGroup var output: OutputOptions

    @Flag(help: "Print only the content bytes.")
    var raw = false

    @Argument(help: "An article key, or a unique prefix of a version or content ID.")
    var reference: String

    struct Shown: Encodable {
        let kind: String
        let version: ArticleVersion?
        let content: ObjectID
        let text: String
    }

    func run() async throws {
        try await reporting {
            let store = try options.open()
            let found = try await store.lookup(reference)
            let version = found.kind == .content ? nil : try await store.version(found.id)
            let contentID = version?.content ?? found.id
            let bytes = try await store.content(contentID)
            if raw { return FileHandle.standardOutput.write(bytes) }
            let text = String(decoding: bytes, as: UTF8.self)
            if output.json {
                return try Terminal.printJSON(
                    Shown(kind: found.kind.rawValue, version: version, content: contentID, text: text))
            }
            if let version {
                print(Terminal.color("version \(version.id.hex)", "33"))
                VersionText.printFields(version)
            } else {
                print(Terminal.color("content \(contentID.hex)", "33"))
                if let key = found.key { Terminal.line("Key:       \(key)") }
            }
            print()
            print(text, terminator: text.hasSuffix("\n") ? "" : "\n")
        }
    }
}

enum VersionText {
    static func printFields(_ version: ArticleVersion) {
        Terminal.line("Key:       \(version.key)")
        print("Number:    \(version.number)")
        print("Content:   \(version.content.hex) (\(version.size) bytes)")
        for parent in version.parents { print("Parent:    \(parent.hex)") }
        Terminal.line("Title:     \(version.title)")
        print("Imported:  \(Terminal.iso(version.imported))")
        if let published = version.published { print("Published: \(Terminal.iso(published))") }
        if let source = version.source { Terminal.line("Source:    \(source)") }
        if let url = version.url { Terminal.line("URL:       \(url)") }
        if let author = version.author { Terminal.line("Author:    \(author)") }
        if let origin = version.origin { Terminal.line("Origin:    \(origin)") }
        if version.encoding != "utf-8" { print("Encoding:  \(version.encoding)") }
    }
}
