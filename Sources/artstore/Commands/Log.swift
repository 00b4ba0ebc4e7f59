import ArgumentParser
import ArticleStore

struct Log: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show an article's versions, newest first.")

    @OptionGroup var options: StoreOptions
    @OptionGroup var output: OutputOptions

    @Argument(help: "The article key (all-digit keys may omit leading zeros).")
    var key: String

    func run() async throws {
        try await reporting {
            let versions = try await options.open().log(key: key)
            if output.json { return try Terminal.printJSON(versions) }
            for (index, version) in versions.enumerated() {
                if index > 0 { print() }
                print(Terminal.color("version \(version.id.hex)", "33") + (version.isHead ? " (head)" : ""))
                VersionText.printFields(version)
            }
        }
    }
}
