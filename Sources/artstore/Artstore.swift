import ArgumentParser

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
            """,
        subcommands: [
            Init.self, Import.self, Export.self, List.self, Show.self, Log.self, Diff.self, Search.self,
            Stats.self, Verify.self, ImportFeed.self, Dupes.self, Reindex.self, RemoteCommand.self, Push.self,
            Pull.self, SyncCommand.self, Clone.self, Conflicts.self, Resolve.self, Token.self, Gc.self, Serve.self,
        ]
    )
}
