import ArgumentParser
import ArticleStore
import ArticleStorePostgres
import Foundation

/// Where tokens are kept: a store, or a hub's database.
protocol TokenKeeper: Sendable {
    func createToken(scope: TokenScope, label: String?) async throws -> String
    func tokens() async throws -> [TokenInfo]
    func revokeToken(id: String) async throws -> Int
}

extension ArticleStore: TokenKeeper {}
extension PostgresHub: TokenKeeper {}

/// The store's tokens, or the hub's when `--database` names one.
struct TokenOptions: ParsableArguments {
    @OptionGroup var options: StoreOptions
    @OptionGroup var hub: DatabaseOptions

    func withKeeper<T>(_ body: (any TokenKeeper) async throws -> T) async throws -> T {
        guard let opened = try await hub.openHub(connections: 1) else { return try await body(try options.open()) }
        do {
            let result = try await body(opened)
            await opened.close()
            return result
        } catch {
            await opened.close()
            throw error
        }
    }
}

struct Token: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage the access tokens `artstore serve` accepts: a store's, or a hub's with --database.",
        subcommands: [Create.self, List.self, Revoke.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a token and print it once; the store keeps only its hash.")
        @OptionGroup var options: TokenOptions
        @Option(help: "read (pull and clone) or write (also push).") var scope: TokenScope
        @Option(help: "A note saying who or what the token is for.") var label: String?

        func run() async throws {
            try await reporting {
                print(try await options.withKeeper { try await $0.createToken(scope: scope, label: label) })
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List tokens by ID (never the tokens themselves).")
        @OptionGroup var options: TokenOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await reporting {
                let tokens = try await options.withKeeper { try await $0.tokens() }
                if output.json { return try Terminal.printJSON(tokens) }
                for token in tokens {
                    let label = Terminal.escaped(token.label ?? "")
                    print("\(token.id)\t\(token.scope.rawValue)\t\(Terminal.iso(token.created))\t\(label)")
                }
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke tokens by the ID `token list` shows.")
        @OptionGroup var options: TokenOptions
        @Argument var id: String

        func run() async throws {
            try await reporting {
                let count = try await options.withKeeper { try await $0.revokeToken(id: id) }
                if count == 0 { throw StoreError(.notFound, "no token with this ID", subject: id) }
                print("revoked \(count) token\(count == 1 ? "" : "s")")
            }
        }
    }
}

extension TokenScope: ExpressibleByArgument {}

struct Gc: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compact a folder remote: merge its packs into one, then delete the old ones.")
    @OptionGroup var options: StoreOptions
    @Argument(help: "A saved remote's name or a folder path.") var remote = "origin"

    func run() async throws {
        try await reporting {
            let store = ArticleStore.exists(at: options.url) ? try options.open() : nil
            guard let folder = try await Remotes.open(remote, store: store) as? DirectoryRemote else {
                throw StoreError(
                    .invalidArgument, "gc compacts folder remotes; a server compacts itself", subject: remote)
            }
            let merged = try await folder.repack()
            print(merged == 0 ? "nothing to compact" : "merged \(merged) packs into one")
        }
    }
}
