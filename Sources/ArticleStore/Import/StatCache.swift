import Foundation
import GRDB

/// Remembers, per file path, what a file held when an import last read it:
/// its size, modification and change times, device and inode, the encoding
/// it was read with, and the ID of its content (table `file_stat`). A
/// re-import trusts an entry whose stat fields all match and skips reading
/// the file, when the content is still a head of the file's key.
///
/// Written here rather than borrowed: reading and hashing 100,000 unchanged
/// files took 2.06 s against git's 0.33 s with its index, which is this same
/// idea (`scripts/bench.sh --peers`, 2026-12-04).
///
/// Racy files, as git calls them: a file changed in the same instant it was
/// read could keep every stat field of the entry. So an entry is trusted only
/// for a file whose modification and change times are more than a second
/// before the entry was recorded (which is before the file was read); the
/// others are read again. The change time cannot be set back by programs
/// that restore modification times.
enum StatCache {
    struct Entry {
        var size: Int64
        var modified: Int64
        var changed: Int64
        var device: Int64
        var inode: Int64
        var encoding: String
        var content: ObjectID
        var recorded: Int64
    }

    /// Times closer than this before the recording make an entry untrusted.
    static let racyMargin: Int64 = 1_000_000_000

    /// The entries for `paths`, by path.
    static func entries(_ db: Database, paths: [String]) throws -> [String: Entry] {
        var found: [String: Entry] = [:]
        // SQLite 3.32+ takes 32,766 parameters; batches are smaller.
        for start in stride(from: 0, to: paths.count, by: 10_000) {
            let chunk = Array(paths[start..<min(paths.count, start + 10_000)])
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT path, size, modified, changed, device, inode, encoding, content, recorded
                    FROM file_stat WHERE path IN (\(databaseQuestionMarks(count: chunk.count)))
                    """, arguments: StatementArguments(chunk))
            // By position: by name, the lookups cost more than the query.
            while let row = try rows.next() {
                guard let content = ObjectID(bytes: [UInt8](row[7] as Data)) else { continue }
                found[row[0]] = Entry(
                    size: row[1], modified: row[2], changed: row[3], device: row[4], inode: row[5], encoding: row[6],
                    content: content, recorded: row[8])
            }
        }
        return found
    }

    /// The content `entry` says `file` holds, when every stat field still
    /// matches and the file is not racy; nil otherwise.
    static func content(of file: ImportFile, in entry: Entry?, encoding: TextEncoding) -> ObjectID? {
        guard let entry, entry.encoding == encoding.name, entry.size == file.size, entry.modified == file.modified,
            entry.changed == file.changed, entry.device == Int64(bitPattern: file.device),
            entry.inode == Int64(bitPattern: file.inode),
            max(file.modified, file.changed) < entry.recorded - racyMargin
        else { return nil }
        return entry.content
    }

    /// Records that `file`, read with `encoding` at `recorded` (nanoseconds
    /// since 1970, taken before the read), holds `content`.
    static func record(
        _ db: Database, _ file: ImportFile, content: ObjectID, encoding: TextEncoding, recorded: Int64
    ) throws {
        try db.cachedStatement(
            sql: """
                INSERT OR REPLACE INTO file_stat (path, size, modified, changed, device, inode, encoding, content, recorded)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            file.path, file.size, file.modified, file.changed, Int64(bitPattern: file.device),
            Int64(bitPattern: file.inode), encoding.name, content.data, recorded,
        ])
    }

    /// Now, in nanoseconds since 1970.
    static func now() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }
}
