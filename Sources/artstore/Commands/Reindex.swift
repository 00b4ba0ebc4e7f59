import ArgumentParser
import ArticleStore

struct Reindex: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Rebuild the near-duplicate index and links, and the search index, from the stored articles.")

    @OptionGroup var options: StoreOptions

    func run() async throws {
        try await reporting {
            let bar = ProgressBar("reindexing")
            try await options.open().reindex(progress: bar.callback)
            bar.finish()
            print("Reindexed \(options.url.path)")
        }
    }
}
