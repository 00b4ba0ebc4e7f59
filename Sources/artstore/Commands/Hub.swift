import ArgumentParser
import ArticleStore
import ArticleStorePostgres
import Foundation

struct Hub: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Set up a hub in PostgreSQL, which any number of `artstore serve --database` processes share.",
        subcommands: [Init.self, Load.self])

    struct Init: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create the hub's tables, or apply the migrations an older hub lacks (Schema/hub.sql).")
        @OptionGroup var hub: DatabaseOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await reporting {
                let database = try hub.required()
                let applied = try await PostgresHub.initialize(database)
                if output.json { return try Terminal.printJSON(["applied": applied]) }
                print(
                    applied.isEmpty
                        ? "the hub in \(database) is up to date"
                        : "applied \(applied.joined(separator: ", ")) to \(database)")
            }
        }
    }

    struct Load: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy a store's objects into the hub with COPY; what the hub holds already is skipped.")
        @OptionGroup var hub: DatabaseOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: "The store directory to copy from.") var store: String

        func run() async throws {
            try await reporting {
                let source = try StoreOptions.parse(["--store", store]).open()
                guard let opened = try await hub.openHub(connections: 1) else { return }
                let bar = ProgressBar("loading")
                let started = ContinuousClock.now
                let report: PostgresHub.LoadReport
                do {
                    report = try await opened.load(from: source, progress: bar.callback)
                } catch {
                    await opened.close()
                    throw error
                }
                await opened.close()
                bar.finish()
                if output.json { return try Terminal.printJSON(report) }
                let seconds = Double((ContinuousClock.now - started).components.seconds)
                print("read \(report.read) objects, \(report.added) new to the hub, in \(Int(seconds)) s")
            }
        }
    }
}
