import ArgumentParser
import ArticleStore
import Foundation

/// What `push`, `pull` and `sync` share.
struct SyncOptions: ParsableArguments {
    @Argument(help: "A saved remote's name, a URL or a folder path.")
    var remote = "origin"

    @Option(name: .customLong("token-file"), help: "Read the access token from this file (else $ARTSTORE_TOKEN).")
    var tokenFile: String?

    @Option(name: .customLong("trace-packs"), help: "Save a copy of every pack sent or received in this folder.")
    var tracePacks: String?

    func run(
        _ options: StoreOptions, json: Bool, verb: String,
        _ body: (ArticleStore, any Remote, ProgressBar) async throws -> SyncReport
    ) async throws {
        let store = try options.open()
        let remote = try Remotes.tracing(
            try await Remotes.open(remote, store: store, tokenFile: tokenFile), into: tracePacks)
        let bar = ProgressBar(verb)
        let report = try await body(store, remote, bar)
        bar.finish()
        try SyncOutput.print(verb, report, json: json)
    }
}

struct Pull: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fetch what a remote has and this store lacks. Safe to interrupt and re-run.")
    @OptionGroup var options: StoreOptions
    @OptionGroup var sync: SyncOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await reporting {
            try await sync.run(options, json: output.json, verb: "pulled") { store, remote, bar in
                try await store.pull(from: remote, progress: bar.callback)
            }
        }
    }
}

struct Push: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Send what this store has and a remote lacks.")
    @OptionGroup var options: StoreOptions
    @OptionGroup var sync: SyncOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await reporting {
            try await sync.run(options, json: output.json, verb: "pushed") { store, remote, bar in
                try await store.push(to: remote, progress: bar.callback)
            }
        }
    }
}

struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync", abstract: "Pull, then push: both sides end with the union of their articles.")
    @OptionGroup var options: StoreOptions
    @OptionGroup var sync: SyncOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await reporting {
            try await sync.run(options, json: output.json, verb: "synced") { store, remote, bar in
                try await store.sync(with: remote, progress: bar.callback)
            }
        }
    }
}

struct Clone: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create a store holding everything a remote has; the remote is saved as 'origin'.")
    @Argument(help: "A URL or a folder path.") var source: String
    @Argument(help: "The new store's directory.") var directory: String
    @Option(name: .customLong("token-file"), help: "Read the access token from this file (else $ARTSTORE_TOKEN).")
    var tokenFile: String?

    @Option(name: .customLong("trace-packs"), help: "Save a copy of every pack sent or received in this folder.")
    var tracePacks: String?
    @Flag(
        help: """
            Fetch and write objects one batch at a time, building the indexes here, instead of starting \
            from a checked snapshot of the remote's store.
            """)
    var objects = false
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await reporting {
            let remote = try Remotes.tracing(
                try await Remotes.open(source, store: nil, tokenFile: tokenFile), into: tracePacks)
            let bar = ProgressBar("cloning")
            let (store, report) = try await ArticleStore.clone(
                from: remote, into: URL(fileURLWithPath: directory), snapshot: !objects, progress: bar.callback)
            bar.finish()
            let location = Remotes.isURL(source) ? source : URL(fileURLWithPath: source).path
            try await store.addRemote(RemoteInfo(name: "origin", location: location, tokenFile: tokenFile))
            try SyncOutput.print("cloned", report, json: output.json)
        }
    }
}
