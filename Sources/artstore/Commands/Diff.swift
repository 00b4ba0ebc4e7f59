import ArgumentParser
import ArticleStore

struct Diff: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Word-level diff between two versions of an article (default: the head and its parent).")

    @OptionGroup var options: StoreOptions
    @OptionGroup var output: OutputOptions

    @Argument(help: "The article key.")
    var key: String

    @Argument(help: "The older version: an ID prefix of 8+ hex digits.")
    var from: String?

    @Argument(help: "The newer version: an ID prefix of 8+ hex digits.")
    var to: String?

    func validate() throws {
        if (from == nil) != (to == nil) { throw ValidationError("give both FROM and TO, or neither") }
    }

    func run() async throws {
        try await reporting {
            let store = try options.open()
            let fromID = try await from.asyncMap { try await versionID($0, store) }
            let toID = try await to.asyncMap { try await versionID($0, store) }
            let diff = try await store.diff(key: key, from: fromID, to: toID)
            if output.json { return try Terminal.printJSON(diff) }
            print(Terminal.color("diff \(diff.from.short)..\(diff.to.short)", "1"))
            var text = ""
            for segment in diff.segments {
                switch segment.kind {
                case .removed:
                    text += Terminal.stdoutIsTTY ? Terminal.color(segment.text, "31;9") : "[-\(segment.text)-]"
                case .added: text += Terminal.stdoutIsTTY ? Terminal.color(segment.text, "32") : "{+\(segment.text)+}"
                default: text += segment.text
                }
            }
            print(text, terminator: text.hasSuffix("\n") ? "" : "\n")
        }
    }

    private func versionID(_ prefix: String, _ store: ArticleStore) async throws -> ObjectID {
        let found = try await store.lookup(prefix)
        guard found.kind == .version else {
            throw StoreError(.invalidArgument, "names a \(found.kind), not a version", subject: prefix)
        }
        return found.id
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
