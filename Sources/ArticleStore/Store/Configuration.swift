import Logging

extension ArticleStore {
    /// Settings for opening a store. A plain value: change the fields you need.
    public struct Configuration: Sendable {
        /// Files larger than this are rejected on import. Default 16 MiB.
        public var sizeLimit: Int = 16 << 20
        /// How many files an import reads per batch, and about how many
        /// articles it writes per transaction: batches with little to write
        /// (most files unchanged) wait until they hold half this many. Every
        /// committed transaction survives a crash. Default 5000: each commit
        /// rewrites most pages of the hash and anchor indexes, which take
        /// random inserts, so larger batches write less, but two batches are
        /// in memory at once (one read while the other is written). On
        /// 100,000 articles 2500 took 30-34 MiB less peak RSS, and the fresh
        /// import 13% longer (23.02, 20.88 s against 20.35, 17.60 s).
        public var batchSize: Int = 5000
        /// How many objects a pull asks for, or a push sends, per request;
        /// each batch is applied in one transaction. Default 5000.
        public var syncBatchSize: Int = 5000
        /// zstd compression level for stored content. Default 5.
        public var compressionLevel: Int32 = 5
        /// How long a writer waits for another process's transaction before
        /// giving up, in seconds. Default 60.
        public var busyTimeout: Double = 60
        /// Open the store without permission to change it.
        public var readOnly = false
        /// Where the store logs what it does.
        public var logger = Logger(label: "ArticleStore")

        /// How many new articles the store's compression dictionary is trained from.
        var dictionarySamples = 4000

        /// The defaults.
        public init() {}
    }
}
