import ArgumentParser
import ArticleStore

struct Init: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create an empty store.")

    @OptionGroup var options: StoreOptions

    func run() async throws {
        try await reporting {
            let existed = ArticleStore.exists(at: options.url)
            _ = try ArticleStore(at: options.url)
            print(existed ? "Store already exists at \(options.url.path)" : "Created store at \(options.url.path)")
        }
    }
}
