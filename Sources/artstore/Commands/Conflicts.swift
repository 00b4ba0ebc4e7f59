import ArgumentParser
import ArticleStore
import Foundation

struct Conflicts: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List articles edited concurrently on two replicas (more than one head).")
    @OptionGroup var options: StoreOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await reporting {
            let conflicts = try await options.open().conflicts()
            if output.json { return try Terminal.printJSON(conflicts) }
            for conflict in conflicts {
                Terminal.line(conflict.key)
                for (index, head) in conflict.heads.enumerated() {
                    let mark = index == 0 ? "winner" : "head  "
                    Terminal.line("  \(mark) \(head.id.short)  \(Terminal.iso(head.imported))  \(head.title)")
                }
            }
        }
    }
}

struct Resolve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "End a conflict with a merge version whose parents are all the heads.")
    @OptionGroup var options: StoreOptions
    @Argument(help: "The article's key.") var key: String
    @Option(help: "The head whose content to keep (a version ID or prefix; default: the winner).") var take: String?

    func run() async throws {
        try await reporting {
            let store = try options.open()
            var chosen: ObjectID?
            if let take {
                let reference = try await store.lookup(take)
                guard reference.kind == .version else {
                    throw StoreError(.invalidArgument, "not a version ID", subject: take)
                }
                chosen = reference.id
            }
            let merge = try await store.resolve(key: key, take: chosen)
            Terminal.line("resolved \(key): merge version \(merge.id.short) of \(merge.parents.count) heads")
        }
    }
}
