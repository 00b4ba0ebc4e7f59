// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "ArticleStore",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "ArticleStore", targets: ["ArticleStore"]),
        .executable(name: "artstore", targets: ["artstore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .systemLibrary(name: "CZstd", providers: [.apt(["libzstd-dev"])]),
        .target(
            name: "ArticleStore",
            dependencies: [
                "CZstd",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "artstore",
            dependencies: [
                "ArticleStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "ArchiveHistory",
            dependencies: ["ArticleStore"],
            path: "Examples/ArchiveHistory"
        ),
        .executableTarget(
            name: "FeedArchiver",
            dependencies: ["ArticleStore"],
            path: "Examples/FeedArchiver",
            exclude: ["README.md"]
        ),
        .executableTarget(
            name: "make-corpus",
            path: "Benchmarks/MakeCorpus"
        ),
        .testTarget(
            name: "ArticleStoreTests",
            dependencies: ["ArticleStore", .product(name: "GRDB", package: "GRDB.swift")],
            resources: [.copy("Fixtures")]
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
