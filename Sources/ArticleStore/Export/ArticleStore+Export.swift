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
    /// The export file name of a content: the number zero-padded to at least
    /// three digits, `_`, the first 16 hex digits of the content ID, `.txt`.
    public static func exportName(number: Int, content: ObjectID) -> String {
        FileKeys.key(forNumber: number) + "_" + content.short + ".txt"
    }

    /// Writes each article's head (or every version) to `directory` as
    /// `NNN_<short id>.txt`, where the short ID is the start of the SHA-256 of
    /// the file's bytes. Every file is checked against its ID before it is written.
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
            ? "SELECT version.number, version.content, version.imported FROM version ORDER BY version.id"
            : """
            SELECT article.number, version.content, version.imported FROM article
            JOIN version ON version.id = article.head ORDER BY article.id
            """
        let work = try pool.read { db in
            try Row.fetchAll(db, sql: rows).map { ($0[0] as Int, $0[1] as Int64, $0[2] as Int64) }
        }
        var report = ExportReport()
        let step = 1000
        for start in stride(from: 0, to: work.count, by: step) {
            let slice = Array(work[start..<min(work.count, start + step)])
            let contents = try pool.read { [codec] db in
                let objects = ObjectRows(db: db, codec: codec)
                return try slice.map { try objects.verifiedBytes(rowID: $0.1) }
            }
            // One writer: parallel creates in one directory contend on its lock.
            for (item, bytes) in zip(slice, contents) {
                report.bytes += try write(bytes, number: item.0, imported: item.2, into: directory)
                report.files += 1
            }
            progress?(StoreProgress(done: report.files, total: work.count))
        }
        report.elapsed = (ContinuousClock.now - clock).seconds
        return report
    }

    /// Writes one file under a fresh temporary name (`O_EXCL | O_NOFOLLOW`),
    /// then renames it over the final name. Nothing is ever written through a
    /// link already in the folder: the rename replaces the link itself. A
    /// crash leaves at most a hidden `.artstore-tmp-*` file, never a file cut
    /// short under an article's name.
    private func write(_ bytes: [UInt8], number: Int, imported: Int64, into directory: URL) throws -> Int {
        let name = Self.exportName(number: number, content: ObjectID.hashing(bytes))
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
        let seconds = imported / 1000
        let time = timespec(tv_sec: Int(seconds), tv_nsec: Int(imported - seconds * 1000) * 1_000_000)
        let times = [time, time]
        guard futimens(fd, times) == 0 else { throw failure("set the modification time of") }
        guard rename(temporary, path) == 0 else { throw failure("rename a temporary file to") }
        renamed = true
        return bytes.count
    }
}
