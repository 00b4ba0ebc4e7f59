import ArgumentParser
import ArticleStore
import Foundation

/// Options every command takes.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: "The store directory (default: $ARTSTORE_PATH, then ./.artstore).")
    var store: String?

    var url: URL {
        let path =
            store ?? ProcessInfo.processInfo.environment["ARTSTORE_PATH"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ".artstore"
        return URL(fileURLWithPath: path)
    }

    /// Opens the existing store, or fails with exit code 3 when there is none.
    func open(configuration: ArticleStore.Configuration = .init()) throws -> ArticleStore {
        guard ArticleStore.exists(at: url) else {
            throw StoreError(
                .notFound, "no store here; create one with `artstore init` or `artstore import`", subject: url.path)
        }
        return try ArticleStore(at: url, configuration: configuration)
    }
}

/// The `--json` flag of read commands.
struct OutputOptions: ParsableArguments {
    @Flag(name: .long, help: "Print JSON for scripts.")
    var json = false
}

extension AsyncParsableCommand {
    /// Runs `body`, turning store errors into a message on stderr and an exit code.
    func reporting(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let error as StoreError {
            Terminal.error(error.description)
            throw ExitCode(Self.exitCode(for: error.code))
        }
    }

    static func exitCode(for code: StoreError.Code) -> Int32 {
        switch code {
        case .notFound, .ambiguous: 3
        case .invalidArgument, .searchSyntax, .invalidArticle, .invalidFeed, .invalidMessage: 2
        case .unauthorized, .forbidden: 5
        default: 4
        }
    }
}
