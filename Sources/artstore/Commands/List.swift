import ArgumentParser
import ArticleStore

struct List: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List articles by number.")

    @OptionGroup var options: StoreOptions
    @OptionGroup var output: OutputOptions

    @Option(help: "Show at most this many articles.")
    var limit: Int?

    func run() async throws {
        try await reporting {
            let articles = try await options.open().articles(limit: limit)
            if output.json { return try Terminal.printJSON(articles) }
            for article in articles {
                var flags = article.versions > 1 ? "  (\(article.versions) versions)" : ""
                if article.isConflicted { flags += "  [conflicted: \(article.heads) heads]" }
                let number = String(article.number).leftPadded(to: 3, with: "0")
                Terminal.line("\(number)  \(article.head.short)  \(article.key)  \(article.title)\(flags)")
            }
        }
    }
}

extension String {
    func leftPadded(to width: Int, with pad: Character = " ") -> String {
        String(repeating: pad, count: max(0, width - count)) + self
    }
}
