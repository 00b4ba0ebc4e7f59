// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "ArticleStore",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "ArticleStore", targets: ["ArticleStore"]),
        .library(name: "ArticleStoreServer", targets: ["ArticleStoreServer"]),
        .library(name: "ArticleStoreHTTP", targets: ["ArticleStoreHTTP"]),
        .library(name: "ArticleStoreWeb", targets: ["ArticleStoreWeb"]),
        .library(name: "ArticleStorePostgres", targets: ["ArticleStorePostgres"]),
        .executable(name: "artstore", targets: ["artstore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        // Already in the graph through the two above; named for the modules imported directly.
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        // Only for `swift package generate-documentation` (scripts/docs.sh).
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(name: "CZstd", providers: [.apt(["libzstd-dev"])]),
        // FTS5's porter tokenizer with a cache of stems, and streams of tokens made ahead
        // (Sources/CStemCache/stem_cache.c says why).
        .target(name: "CStemCache", linkerSettings: [.linkedLibrary("sqlite3")]),
        .target(
            name: "ArticleStore",
            dependencies: [
                "CZstd", "CStemCache",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The network lives in these two targets so the core stays free of it.
        .target(
            name: "ArticleStoreServer",
            dependencies: [
                "ArticleStore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // The web view: pages and their JSON twins, served by ArticleStoreServer.
        .target(
            name: "ArticleStoreWeb",
            dependencies: [
                "ArticleStore", "ArticleStoreServer",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        // A hub whose objects, change log and tokens live in PostgreSQL (Schema/hub.md).
        .target(
            name: "ArticleStorePostgres",
            dependencies: [
                "ArticleStore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        .target(
            name: "ArticleStoreHTTP",
            dependencies: [
                "ArticleStore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        .executableTarget(
            name: "artstore",
            dependencies: [
                "ArticleStore", "ArticleStoreServer", "ArticleStoreHTTP", "ArticleStoreWeb", "ArticleStorePostgres",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "ArchiveHistory",
            dependencies: ["ArticleStore"],
            path: "Examples/ArchiveHistory",
            exclude: ["README.md"]
        ),
        .executableTarget(
            name: "FeedArchiver",
            dependencies: ["ArticleStore", "ArticleStoreHTTP"],
            path: "Examples/FeedArchiver",
            exclude: ["README.md"]
        ),
        .executableTarget(
            name: "ArchiveMirror",
            dependencies: ["ArticleStore", "ArticleStoreHTTP"],
            path: "Examples/ArchiveMirror",
            exclude: ["README.md"]
        ),
        .executableTarget(
            name: "make-corpus",
            path: "Benchmarks/MakeCorpus"
        ),
        .executableTarget(
            name: "artstore-load",
            dependencies: [
                "ArticleStore", "ArticleStoreHTTP",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            path: "Benchmarks/LoadTest"
        ),
        .testTarget(
            name: "ArticleStoreTests",
            dependencies: [
                "ArticleStore", "ArticleStoreServer", "ArticleStoreHTTP",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "ArticleStoreHTTPTests",
            dependencies: [
                "ArticleStore", "ArticleStoreServer", "ArticleStoreHTTP", "ArticleStoreWeb",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "ArticleStoreWebTests",
            dependencies: [
                "ArticleStore", "ArticleStoreServer", "ArticleStoreWeb",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "ArticleStorePostgresTests",
            dependencies: [
                "ArticleStore", "ArticleStoreServer", "ArticleStoreHTTP", "ArticleStorePostgres", "artstore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "ArtstoreCLITests",
            dependencies: [
                "ArticleStore", "artstore",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)

// libFuzzer targets over every parser of outside bytes (scripts/fuzz.sh).
// Only with ARTSTORE_FUZZ=1, so that normal builds need no unsafe flags.
if Context.environment["ARTSTORE_FUZZ"] == "1" {
    package.targets.append(
        .executableTarget(
            name: "artstore-fuzz",
            dependencies: ["ArticleStore"],
            path: "Fuzz",
            exclude: ["Corpus", "Regressions", "README.md"],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ))
    // The C tokenizer too, so that libFuzzer sees its branches (the `stems` target).
    if let stemCache = package.targets.first(where: { $0.name == "CStemCache" }) {
        stemCache.cSettings = [.unsafeFlags(["-fsanitize=fuzzer-no-link,address"])]
    }
}
