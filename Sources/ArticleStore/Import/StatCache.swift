import Crypto
import Foundation
import GRDB

/// Remembers, per file path, what a file held when an import last read it
/// (found by ``pathKey(_:)``, with the content as its object row, so that an
/// entry takes about 84 bytes with its index where path and ID took 157):
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
        /// The content's row in `object`.
        var content: Int64
        var recorded: Int64
    }

    /// Times closer than this before the recording make an entry untrusted.
    static let racyMargin: Int64 = 1_000_000_000

    /// The key of a path's entry: the first 8 bytes of the path's
    /// SHA-256. Two paths that share one would share an entry, which still
    /// answers only for a file with its device, inode, size and times: the
    /// same file, by a hard link.
    static func pathKey(_ path: String) -> Int64 {
        var path = path
        return path.withUTF8 { bytes in
            SHA256.hash(data: UnsafeRawBufferPointer(bytes)).withUnsafeBytes { digest in
                digest.prefix(8).reduce(Int64(0)) { $0 << 8 | Int64($1) }
            }
        }
    }

    /// The entries for `paths`, in their order, each with the keys its
    /// content is a head of.
    static func entries(_ db: Database, paths: [String]) throws -> [(entry: Entry, heads: [String])?] {
        let pathKeys = paths.map(pathKey)
        var found: [Int64: (entry: Entry, heads: [String])] = [:]
        // One query for entries and heads, with the path keys as one JSON
        // array written here: a statement with a parameter per key took 5% of
        // a re-import, `JSONEncoder` 7%, and a second query for the heads by
        // key about a third of the lookups (perf). Entries are read in the
        // order they were recorded, which is nearly that of their contents,
        // versions and articles, so pages are read once, not all over the
        // file: in path key order, 2,500 entries took 34 ms, in this order
        // 13 ms (sqlite3 shell, the 100k bench store).
        let list = "[" + Set(pathKeys).map(String.init).joined(separator: ",") + "]"
        try db.cachedStatement(
            sql: """
                SELECT file_stat.path_key, file_stat.size, file_stat.modified, file_stat.changed,
                  file_stat.device, file_stat.inode, file_stat.content, file_stat.recorded,
                  file_stat.encoding, article.key
                FROM file_stat
                LEFT JOIN version ON version.content = file_stat.content AND version.is_head
                LEFT JOIN article ON article.id = version.article
                WHERE file_stat.id IN (
                  SELECT id FROM file_stat WHERE path_key IN (SELECT value FROM json_each(?)))
                """
        ).forEachRow(bindingText: list) { row in
            let head = row.text(9)
            if found[row[0]] != nil {
                if let head { found[row[0]]?.heads.append(head) }
                return
            }
            let entry = Entry(
                size: row[1], modified: row[2], changed: row[3], device: row[4], inode: row[5],
                encoding: row.text(8) ?? "", content: row[6], recorded: row[7])
            found[row[0]] = (entry, head.map { [$0] } ?? [])
        }
        return pathKeys.map { found[$0] }
    }

    /// The content `entry` says `file` holds, when every stat field still
    /// matches and the file is not racy; nil otherwise.
    static func content(of file: ImportFile, in entry: Entry?, encoding: TextEncoding) -> Int64? {
        guard let entry, entry.encoding == encoding.name, entry.size == file.size, entry.modified == file.modified,
            entry.changed == file.changed, entry.device == Int64(bitPattern: file.device),
            entry.inode == Int64(bitPattern: file.inode),
            max(file.modified, file.changed) < entry.recorded - racyMargin
        else { return nil }
        return entry.content
    }

    /// Records that `file`, read with `encoding` at `recorded` (nanoseconds
    /// since 1970, taken before the read), holds `content`. Nothing is
    /// recorded when the store does not hold the content (a near-duplicate
    /// skipped): that file is read again next time.
    static func record(
        _ db: Database, _ file: ImportFile, content: ObjectID, encoding: TextEncoding, recorded: Int64
    ) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO file_stat (path_key, size, modified, changed, device, inode, encoding, content, recorded)
                SELECT ?, ?, ?, ?, ?, ?, ?, object.id, ? FROM object WHERE object.hash = ?
                ON CONFLICT (path_key) DO UPDATE SET
                  size = excluded.size, modified = excluded.modified, changed = excluded.changed,
                  device = excluded.device, inode = excluded.inode, encoding = excluded.encoding,
                  content = excluded.content, recorded = excluded.recorded
                """
        ).execute(arguments: [
            pathKey(file.path), file.size, file.modified, file.changed, Int64(bitPattern: file.device),
            Int64(bitPattern: file.inode), encoding.name, recorded, content.data,
        ])
    }

    /// Now, in nanoseconds since 1970.
    static func now() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }
}
