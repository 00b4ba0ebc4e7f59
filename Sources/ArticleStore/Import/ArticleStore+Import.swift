import Foundation
import GRDB
import Logging

extension ArticleStore {
    /// Imports article files and directories (walked recursively; hidden
    /// files are skipped).
    ///
    /// A file named `NNN_<16 hex>.txt` gets the key and number `NNN`; any other
    /// file is keyed by its path relative to the directory given. Files that
    /// fail validation are listed in the report's `failures` and the rest are
    /// still imported. Symbolic links are followed only to files and folders
    /// inside `paths`, and a file reached through several links is read
    /// once; a link that leads outside, dangles or loops is a failure naming
    /// the link and its target, as is a file name that is not UTF-8, so that
    /// ``ImportReport/files`` counts every file found. Work is committed in
    /// transactions of up to ``Configuration/batchSize`` articles written,
    /// however many unchanged files were read for them: a crash loses at
    /// most the transaction in flight, and running the same import again
    /// completes it.
    public func importFiles(
        _ paths: [URL], options: ImportOptions = ImportOptions(),
        progress: (@Sendable (StoreProgress) -> Void)? = nil
    ) async throws -> ImportReport {
        try await offload { [self] in try importNow(paths, options: options, progress: progress) }
    }

    private enum Slot: Sendable {
        case failed(String)
        case ready(PreparedFile)
    }

    private struct PreparedFile: Sendable {
        var key: String
        var number: Int?
        var text: ArticleText
        var content: ObjectID
    }

    private func importNow(
        _ paths: [URL], options: ImportOptions, progress: (@Sendable (StoreProgress) -> Void)?
    ) throws -> ImportReport {
        let clock = ContinuousClock.now
        var report = ImportReport()
        let (files, missing) = FileCollector.collect(paths)
        report.failures = missing
        report.files = files.count + missing.count
        let size = max(1, configuration.batchSize)
        let batches = stride(from: 0, to: files.count, by: size).map { $0..<min(files.count, $0 + size) }
        var done = 0
        let recent = RecentAnchors()
        // Batch N+1 is read, hashed, compressed and looked up in the
        // near-duplicate index while batch N is written. So its lookups see
        // every batch before N, and `recent` adds the anchors of N and N+1.
        //
        // Batches with little to write wait for the next, and go in one
        // transaction once they hold half a batch of articles: importing a
        // re-export with 10% edited committed 20 transactions of about 500
        // articles, each rewriting pages all over the indexes, and wrote
        // 1.1 GB; now 0.26 GB, with 28 MiB more peak memory (170-172 MiB,
        // under a fresh import's 176-179). Waiting for a whole batch wrote
        // 0.17 GB but took 48 MiB more. When a batch would take the waiting
        // ones past a whole batch, they go in first, so that no transaction
        // writes more than a batch of articles.
        var pending: [PreparedBatch] = []
        var pendingArticles = 0
        func commitPending() throws {
            guard !pending.isEmpty else { return }
            let results = try write { db in
                let writer = VersionWriter(db: db, codec: codec, imported: Date(), policy: options.nearDuplicates)
                writer.recent = recent
                try recent.begin(db)
                let results = try pending.map { batch in
                    writer.snapshotHolds = recent.holds(batch.snapshot)
                    return try batch.articles.map { try writer.put($0) }
                }
                try writer.finish()
                try recent.end(db)
                // After the writes: an entry points at its content's row.
                for batch in pending {
                    for (file, content) in batch.read {
                        try StatCache.record(
                            db, file, content: content, encoding: options.encoding, recorded: batch.readAt)
                    }
                }
                return results
            }
            for (batch, results) in zip(pending, results) {
                for (article, result) in zip(batch.articles, results) {
                    report.record(result, file: article.metadata.origin ?? article.key)
                }
            }
            configuration.logger.debug(
                "import batch committed",
                metadata: [
                    "files": "\(pending.reduce(0) { $0 + $1.files })", "written": "\(pendingArticles)",
                    "done": "\(done)",
                ])
            (pending, pendingArticles) = ([], 0)
        }
        try Pipeline.run(batches.count) { [self] index in
            try prepare(Array(files[batches[index]]), options: options)
        } consume: { prepared in
            report.failures += prepared.failures
            report.unchanged += prepared.unchanged
            report.statCached += prepared.statCached
            if pendingArticles + prepared.articles.count > size { try commitPending() }
            pending.append(prepared)
            pendingArticles += prepared.articles.count
            done += prepared.files
            // Until a dictionary is trained, each batch goes in at once: the
            // training recompresses what is stored, not what waits.
            if pendingArticles * 2 >= size || codec.activeDictionary == nil { try commitPending() }
            progress?(StoreProgress(done: done, total: files.count))
        }
        try commitPending()
        let width = files.compactMap { FileKeys.width(inFileName: FileKeys.fileName($0.relativePath)) }
        if let width = width.max(), width > 3 { try write { db in try NumberWidth.widen(db, to: width) } }
        report.elapsed = (ContinuousClock.now - clock).seconds
        try write { db in try StoreOperation(report, paths: paths).save(db) }
        return report
    }

    private struct PreparedBatch: Sendable {
        var files: Int
        var articles: [PreparedArticle]
        var failures: [ImportReport.Failure]
        var unchanged: Int
        /// Unchanged files the stat cache spared reading.
        var statCached = 0
        /// The files read and valid, with their contents, for the stat cache.
        var read: [(file: ImportFile, content: ObjectID)] = []
        /// When the batch's reads began, in nanoseconds since 1970.
        var readAt: Int64 = 0
        /// The largest content row ID where the articles' postings were read.
        var snapshot: Int64?
    }

    /// Reads, validates and hashes a batch; drops files that are already a
    /// head of their key; fingerprints and compresses the rest. Files the
    /// stat cache vouches for are not read unless their content is no longer
    /// a head of their key.
    private func prepare(_ batch: [ImportFile], options: ImportOptions) throws -> PreparedBatch {
        var result = PreparedBatch(files: batch.count, articles: [], failures: [], unchanged: 0)
        result.readAt = StatCache.now()
        var toRead = batch
        if !options.rehash {
            // Looked up in one chunk per core: one after another, the
            // lookups were half of a re-import's time after the walk.
            let entries = try Parallel.map(Parallel.chunks(batch)) { chunk in
                Result { try pool.read { db in try StatCache.entries(db, paths: chunk.map(\.path)) } }
            }.flatMap { try $0.get() }
            toRead = []
            for (file, found) in zip(batch, entries) {
                // Trusted when every stat field matches and the content is
                // still a head of the file's key; otherwise read, as without the cache.
                if file.size <= configuration.sizeLimit, let found,
                    StatCache.content(of: file, in: found.entry, encoding: options.encoding) != nil,
                    found.heads.contains(
                        FileKeys.key(relativePath: file.relativePath, given: file.key, namespace: options.namespace).key
                    )
                {
                    result.statCached += 1
                } else {
                    toRead.append(file)
                }
            }
            result.unchanged = result.statCached
        }
        let slots = Parallel.map(toRead) { file in read(file, options: options) }
        var ready: [(file: ImportFile, prepared: PreparedFile)] = []
        for (file, slot) in zip(toRead, slots) {
            switch slot {
            case .failed(let reason): result.failures.append(.init(file: file.relativePath, reason: reason))
            case .ready(let prepared): ready.append((file, prepared))
            }
        }
        result.read = ready.map { ($0.file, $0.prepared.content) }
        let fresh = try withoutUnchanged(ready)
        result.unchanged += ready.count - fresh.count
        try trainDictionaryIfNeeded(fresh.map(\.prepared.text.bytes))
        // One chunk per core, each with its own tokenizer for the search entries.
        result.articles = Parallel.map(Parallel.chunks(fresh)) { chunk in
            let tokenizer = SearchTokenizer()
            return chunk.map { item in
                var metadata = options.metadata
                metadata.origin = item.file.relativePath
                metadata.number = item.prepared.number ?? options.metadata.number
                var article = PreparedArticle(
                    key: item.prepared.key, text: item.prepared.text, metadata: metadata,
                    nearDuplicates: options.nearDuplicates != .off)
                article.blob = codec.encode(article.text.bytes)
                if let tokenizer, let title = tokenizer.stream(article.text.title.utf8),
                    let body = tokenizer.stream(ArticleText.bodyBytes(of: article.text.bytes))
                {
                    article.searchTokens = (title, body)
                }
                return article
            }
        }.flatMap { $0 }
        if options.nearDuplicates != .off {
            try readPostings(&result)
        }
        return result
    }

    /// Reads the near-duplicate index's postings for the batch's anchors, so
    /// that the write transaction need not.
    private func readPostings(_ batch: inout PreparedBatch) throws {
        let anchors = batch.articles.map { $0.near?.anchors ?? [] }
        let (snapshot, postings) = try pool.read { db in
            (try RecentAnchors.largestContent(db), try anchors.map { try NearIndex.postings(db, of: $0) })
        }
        batch.snapshot = snapshot
        for (index, postings) in zip(batch.articles.indices, postings) { batch.articles[index].postings = postings }
    }

    private func read(_ file: ImportFile, options: ImportOptions) -> Slot {
        let raw: [UInt8]
        do throws(FileCollector.ReadFailure) {
            raw = try FileCollector.contents(of: file, limit: configuration.sizeLimit)
        } catch {
            return .failed(error.reason)
        }
        do {
            let text = try ArticleText.decode(
                raw, encoding: options.encoding, sizeLimit: configuration.sizeLimit, subject: file.relativePath)
            let (key, number) = FileKeys.key(
                relativePath: file.relativePath, given: file.key, namespace: options.namespace)
            return .ready(PreparedFile(key: key, number: number, text: text, content: ObjectID.hashing(text.bytes)))
        } catch let error as StoreError {
            return .failed(error.message)
        } catch {
            return .failed("\(error)")
        }
    }

    /// Drops files whose bytes are already a head of their key, counting them
    /// as unchanged: one query for all, where one per file took 8% of a
    /// re-import (perf). The writer checks again inside its transaction; this
    /// read only spares re-imports the cost of compressing.
    private func withoutUnchanged<T>(_ items: [(file: T, prepared: PreparedFile)]) throws -> [(
        file: T, prepared: PreparedFile
    )] {
        guard !items.isEmpty else { return [] }
        var heads = Set<HeadPair>()
        // The keys go in as one JSON array.
        let list = String(decoding: try JSONEncoder().encode(Set(items.map(\.prepared.key))), as: UTF8.self)
        try pool.read { db in
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT article.key, object.hash FROM article
                    JOIN version ON version.article = article.id AND version.is_head
                    JOIN object ON object.id = version.content
                    WHERE article.key IN (SELECT value FROM json_each(?))
                    """, arguments: [list])
            while let row = try rows.next() { heads.insert(HeadPair(key: row[0], content: row[1])) }
        }
        return items.filter { !heads.contains(HeadPair(key: $0.prepared.key, content: $0.prepared.content.data)) }
    }

    private struct HeadPair: Hashable {
        var key: String
        var content: Data
    }

    /// Offers new content to the dictionary trainer while the store has no
    /// dictionary, and stores the dictionary once one is trained.
    func trainDictionaryIfNeeded(_ samples: [[UInt8]]) throws {
        guard codec.activeDictionary == nil, let dictionary = trainer.offer(samples) else { return }
        let id = try write { db in
            try db.execute(sql: "INSERT INTO dictionary (data) VALUES (?)", arguments: [Data(dictionary)])
            return db.lastInsertedRowID
        }
        try codec.install(id: id, bytes: dictionary, activate: true)
        configuration.logger.info(
            "trained a compression dictionary",
            metadata: [
                "dictionary": "\(id)", "bytes": "\(dictionary.count)", "store": "\(url.path)",
            ])
        try recompressWithDictionary()
    }

    /// Re-encodes the objects stored before the dictionary existed.
    private func recompressWithDictionary() throws {
        try write { db in
            let objects = ObjectRows(db: db, codec: codec)
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT id, hash, size, codec, dictionary, data FROM object WHERE codec = ?
                    """, arguments: [Codec.zstd.rawValue])
            for row in rows {
                let blob = codec.encode(try objects.decode(row))
                try db.execute(
                    sql: "UPDATE object SET codec = ?, dictionary = ?, data = ? WHERE id = ?",
                    arguments: [blob.codec.rawValue, blob.dictionary, Data(blob.data), row["id"]])
            }
        }
    }

    /// A write transaction off the caller's task, with errors that name the store.
    func update<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await offload { [self] in try write(body) }
    }

    /// A write transaction whose errors name the store.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try pool.write(body)
        } catch {
            throw databaseError(error, "cannot write to the store")
        }
    }
}
