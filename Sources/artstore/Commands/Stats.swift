import ArgumentParser
import ArticleStore

struct Stats: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Count articles, versions and bytes.")

    @OptionGroup var options: StoreOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await reporting {
            let stats = try await options.open().stats()
            if output.json { return try Terminal.printJSON(stats) }
            let ratio = stats.storedBytes == 0 ? 1 : Double(stats.contentBytes) / Double(stats.storedBytes)
            print("articles:      \(stats.articles) (\(stats.conflicted) conflicted)")
            print("versions:      \(stats.versions)")
            print("objects:       \(stats.objects)")
            print("content bytes: \(stats.contentBytes)")
            print("stored bytes:  \(stats.storedBytes) (\(String(format: "%.2f", ratio))x compression)")
            print("on disk:       \(stats.diskBytes)")
        }
    }
}
