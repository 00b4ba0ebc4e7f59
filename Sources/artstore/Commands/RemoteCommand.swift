import ArgumentParser
import ArticleStore
import Foundation

struct RemoteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remote", abstract: "Save, list and forget remotes.",
        subcommands: [Add.self, List.self, Remove.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Save a remote: a URL or a folder path.")
        @OptionGroup var options: StoreOptions
        @Argument var name: String
        @Argument(help: "http(s)://HOST:PORT or a folder path.") var location: String
        @Option(name: .customLong("token-file"), help: "A file holding the access token (the token is not copied).")
        var tokenFile: String?

        func run() async throws {
            try await reporting {
                let store = try options.open()
                let location = Remotes.isURL(location) ? location : URL(fileURLWithPath: location).path
                let tokenFile = tokenFile.map { URL(fileURLWithPath: $0).path }
                try await store.addRemote(RemoteInfo(name: name, location: location, tokenFile: tokenFile))
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List saved remotes (never their tokens).")
        @OptionGroup var options: StoreOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await reporting {
                let remotes = try await options.open().remotes()
                if output.json { return try Terminal.printJSON(remotes) }
                for remote in remotes {
                    print(Terminal.escaped(remote.name) + "\t" + Terminal.escaped(remote.location))
                }
            }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Forget a saved remote and its checkpoints.")
        @OptionGroup var options: StoreOptions
        @Argument var name: String

        func run() async throws {
            try await reporting { try await options.open().removeRemote(named: name) }
        }
    }
}
