import ArgumentParser
import ArticleStore

struct Search: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Full-text search over the heads' titles and bodies (SQLite FTS5 syntax), best first.")

    @OptionGroup var options: StoreOptions
    @OptionGroup var output: OutputOptions

    @Option(help: "Show at most this many results.")
    var limit = 20

    @Option(help: "Rank at most this many of the most recently added matches.")
    var rankingWindow = 2000

    @Argument(help: "The query, e.g. 'aleppo rebels' or '\"eastern aleppo\" NOT russia'.")
    var query: String

    func run() async throws {
        try await reporting {
            let marks = Terminal.stdoutIsTTY && !output.json ? ("\u{1B}[1;31m", "\u{1B}[0m") : ("[", "]")
            let hits = try await options.open().search(
                query, limit: limit, highlight: marks, rankingWindow: rankingWindow)
            if output.json { return try Terminal.printJSON(hits) }
            for hit in hits {
                let number = String(hit.number).leftPadded(to: 3, with: "0")
                Terminal.line("\(number)  \(hit.key)  \(hit.title)")
                Terminal.line("     \(hit.snippet.split(whereSeparator: \.isNewline).joined(separator: " "))")
            }
            if hits.isEmpty { Terminal.note("no matches") }
        }
    }
}
