import ArgumentParser
import ArticleStore

struct Verify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Re-hash every object and check versions, heads and the search index. Exits 1 on problems.")

    @OptionGroup var options: StoreOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await reporting {
            let bar = ProgressBar("verifying")
            let report = try await options.open().verify(progress: bar.callback)
            bar.finish()
            if output.json {
                try Terminal.printJSON(report)
            } else {
                for problem in report.problems { Terminal.line("problem: \(problem)") }
                let summary = "\(report.objects) objects, \(report.versions) versions, \(report.articles) articles"
                print(report.isHealthy ? "ok: \(summary) checked" : "\(report.problems.count) problems in \(summary)")
            }
            if !report.isHealthy { throw ExitCode(1) }
        }
    }
}
