import Foundation
import GRDB

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Settings for ``ArticleStore/export(to:options:progress:)``.
public struct ExportOptions: Sendable {
    /// Write every version, not only the winning heads. Each file's
    /// modification time is its version's import time, so importing the
    /// folder replays each history in order.
    public var allVersions = false

    /// Options for an export: heads only, unless `allVersions`.
    public init(allVersions: Bool = false) { self.allVersions = allVersions }
}

/// What an export wrote.
public struct ExportReport: Sendable, Codable {
    /// Files written.
    public var files = 0
    /// Bytes written.
    public var bytes = 0
    /// Wall-clock seconds.
    public var elapsed: Double = 0
}

extension ArticleStore {
    /// The export file name of a content: the number zero-padded to `width`
    /// digits (at least three), `_`, the first 16 hex digits of the content
    /// ID, `.txt`.
    public static func exportName(number: Int, content: ObjectID, width: Int = 3) -> String {
        FileKeys.key(forNumber: number, width: max(3, width)) + "_" + content.short + ".txt"
    }

    /// Writes each article's head (or every version) to `directory` as
    /// `NNN_<short id>.txt`, where `NNN` is the article's number, as wide as
    /// the widest numbered file the store imported, and the short ID is the
    /// start of the SHA-256 of the file's bytes. Every file is checked
    /// against its ID before it is written. Articles whose key is not their
    /// number (paths, namespaced keys) are listed with their keys in
    /// `artstore-keys.json` beside the files, which import reads: exporting
    /// and importing into an empty store gives the same keys, numbers and
    /// heads (Schema/export.md).
    public func export(
        to directory: URL, options: ExportOptions = ExportOptions(),
        progress: (@Sendable (StoreProgress) -> Void)? = nil
    ) async throws -> ExportReport {
        try await offload { [self] in try exportNow(to: directory, options: options, progress: progress) }
    }

    private func exportNow(
        to directory: URL, options: ExportOptions, progress: (@Sendable (StoreProgress) -> Void)?
    ) throws -> ExportReport {
        let clock = ContinuousClock.now
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw StoreError(.io, "cannot create the export directory", subject: directory.path, underlying: error)
        }
        let rows =
            options.allVersions
            ? """
            SELECT article.number, article.key, version.content, version.imported FROM version
            JOIN article ON article.id = version.article ORDER BY version.id
            """
            : """
            SELECT article.number, article.key, version.content, version.imported FROM article
            JOIN version ON version.id = article.head ORDER BY article.id
            """
        let (work, width) = try pool.read { db in
            (
                try Row.fetchAll(db, sql: rows).map {
                    (number: $0[0] as Int, key: $0[1] as String, content: $0[2] as Int64, imported: $0[3] as Int64)
                }, try NumberWidth.read(db)
            )
        }
        var keys = (try? ExportKeys.read(in: directory.path)) ?? ExportKeys()
        var report = ExportReport()
        let step = 1000
        for start in stride(from: 0, to: work.count, by: step) {
            let slice = Array(work[start..<min(work.count, start + step)])
            let contents = try pool.read { [codec] db in
                let objects = ObjectRows(db: db, codec: codec)
                return try slice.map { try objects.verifiedBytes(rowID: $0.content) }
            }
            // One writer: parallel creates in one directory contend on its lock.
            for (item, bytes) in zip(slice, contents) {
                let name = Self.exportName(number: item.number, content: ObjectID.hashing(bytes), width: width)
                try write(bytes, name: name, modified: item.imported, into: directory)
                keys.keys[name] = ArticleNumbers.owned(by: item.key) == item.number ? nil : item.key
                report.bytes += bytes.count
                report.files += 1
            }
            progress?(StoreProgress(done: report.files, total: work.count))
        }
        if !keys.keys.isEmpty {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let data = try encoder.encode(keys)
            try write([UInt8](data) + [0x0A], name: ExportKeys.fileName, modified: nil, into: directory)
        }
        report.elapsed = (ContinuousClock.now - clock).seconds
        return report
    }

    /// Writes one file under a fresh temporary name (`O_EXCL | O_NOFOLLOW`),
    /// then renames it over the final name. Nothing is ever written through a
    /// link already in the folder: the rename replaces the link itself. A
    /// crash leaves at most a hidden `.artstore-tmp-*` file, never a file cut
    /// short under an article's name.
    private func write(_ bytes: [UInt8], name: String, modified: Int64?, into directory: URL) throws {
        let path = directory.appendingPathComponent(name).path
        let temporary = directory.appendingPathComponent(".artstore-tmp-\(UInt64.random(in: 0...UInt64.max))").path
        func failure(_ what: String) -> StoreError {
            StoreError(.io, "cannot \(what): \(String(cString: strerror(errno)))", subject: path)
        }
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw failure("create a temporary file for") }
        var renamed = false
        defer {
            close(fd)
            if !renamed { unlink(temporary) }
        }
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + written, bytes.count - written) }
            guard count > 0 else { throw failure("write") }
            written += count
        }
        if let modified {
            let seconds = modified / 1000
            let time = timespec(tv_sec: Int(seconds), tv_nsec: Int(modified - seconds * 1000) * 1_000_000)
            let times = [time, time]
            guard futimens(fd, times) == 0 else { throw failure("set the modification time of") }
        }
        guard rename(temporary, path) == 0 else { throw failure("rename a temporary file to") }
        renamed = true
    }
}
