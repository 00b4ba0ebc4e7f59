import ArgumentParser
import ArticleStore
import Foundation

struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write each article's head to DIR as NNN_<first 16 hex of its SHA-256>.txt.")

    @OptionGroup var options: StoreOptions
    @OptionGroup var output: OutputOptions

    @Flag(help: "Write every version, not only the heads.")
    var allVersions = false

    @Argument(help: "The directory to write to; created if missing.")
    var directory: String

    func run() async throws {
        try await reporting {
            let store = try options.open()
            let bar = ProgressBar("exporting")
            let report = try await store.export(
                to: URL(fileURLWithPath: directory), options: ExportOptions(allVersions: allVersions),
                progress: bar.callback)
            bar.finish()
            if output.json {
                try Terminal.printJSON(report)
            } else {
                print(
                    "Exported \(report.files) files (\(report.bytes) bytes) to \(directory) in \(String(format: "%.2f", report.elapsed)) s"
                )
            }
        }
    }
}
