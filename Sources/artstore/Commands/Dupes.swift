import ArgumentParser
import ArticleStore

struct Dupes: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List clusters of articles that tell the same story (exact, normalised and near-duplicates).")

    @OptionGroup var options: StoreOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await reporting {
            let clusters = try await options.open().duplicateClusters()
            if output.json { return try Terminal.printJSON(clusters) }
            for (index, cluster) in clusters.enumerated() {
                print("cluster \(index + 1): \(cluster.members.count) articles")
                for member in cluster.members {
                    let number = String(member.number).leftPadded(to: 3, with: "0")
                    print("  \(number)  \(member.id)  \(member.key)" + (member.origin.map { "  (\($0))" } ?? ""))
                }
            }
            if clusters.isEmpty { Terminal.note("no duplicates") }
        }
    }
}
