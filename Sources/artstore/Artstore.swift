import ArgumentParser
import ArticleStore
import Foundation
import Logging

@main
struct Artstore: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "artstore",
        abstract: "A content-addressed, versioned, deduplicated archive of news articles.",
        discussion: """
            The store is a directory (default ./.artstore, or $ARTSTORE_PATH).
            Exit codes: 0 success; 1 done, but some files failed or verify found problems;
            2 bad input (query syntax, malformed ID); 3 no such article, version or store;
            4 store or I/O error; 64 bad command-line usage.
            Log messages go to standard error; $ARTSTORE_LOG_LEVEL sets the least severe
            one shown (trace, debug, info, notice, warning, error or critical; default info).
            """,
        version: ArticleStore.version,
        subcommands: [
            Init.self, Import.self, Export.self, List.self, Show.self, Log.self, Diff.self, Search.self,
            Stats.self, Verify.self, ImportFeed.self, Dupes.self, Reindex.self, RemoteCommand.self, Push.self,
            Pull.self, SyncCommand.self, Clone.self, Conflicts.self, Resolve.self, Token.self, Gc.self, Serve.self,
            Web.self, Hub.self,
        ]
    )

    /// Sets up logging, then parses and runs the command as usual.
    static func main() async {
        let level = ProcessInfo.processInfo.environment["ARTSTORE_LOG_LEVEL"].flatMap {
            Logger.Level(rawValue: $0.lowercased())
        }
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level ?? .info
            return handler
        }
        await main(nil)
    }
}
