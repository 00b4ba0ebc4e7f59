import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file to import and its path relative to the import root.
struct ImportFile: Sendable {
    /// The folder walked, shared by its files, or the whole path.
    private let base: String
    private var joined: Bool
    let relativePath: String
    /// Modification time in nanoseconds since 1970.
    let modified: Int64
    /// Inode change time in nanoseconds since 1970: unlike the modification
    /// time, no program can set it back.
    let changed: Int64
    /// The size in bytes when it was found.
    let size: Int64
    /// The file's identity when it was found; reading checks it again, so a
    /// file swapped for another (or for a link) in between is refused.
    let device: UInt64
    let inode: UInt64
    /// Reached through a symbolic link.
    var viaLink = false
    /// The key an export's key list gives it (``ExportKeys``).
    var key: String?

    /// A file found at `path`, which a link may have led to.
    init(
        path: String, relativePath: String, modified: Int64, changed: Int64, size: Int64, device: UInt64,
        inode: UInt64, viaLink: Bool = false
    ) {
        (base, joined) = (path, false)
        (self.relativePath, self.modified, self.changed, self.size) = (relativePath, modified, changed, size)
        (self.device, self.inode, self.viaLink) = (device, inode, viaLink)
    }

    /// A file found at `relativePath` in `directory`, with no link on the
    /// way. The folder's path is not repeated in each file's: a 100,000-file
    /// list took 8 MiB less (heaptrack: 25.6 MB against 17.4).
    init(
        directory: String, relativePath: String, modified: Int64, changed: Int64, size: Int64, device: UInt64,
        inode: UInt64
    ) {
        self.init(
            path: directory, relativePath: relativePath, modified: modified, changed: changed, size: size,
            device: device, inode: inode)
        joined = true
    }

    /// Where to read it: the real path when it was reached through a link.
    var path: String { joined ? base + "/" + relativePath : base }
}

/// Finds and reads input files with plain POSIX calls: on folders of
/// 100,000 small files, Foundation's URL-based APIs cost more than the reads.
///
/// Symbolic links are followed only to files and directories inside the
/// paths given (the roots), and each file is read once, however many links
/// lead to it. A link that leads out of the roots, dangles or loops, and a
/// file whose name is not UTF-8, becomes a failure naming it, so every file
/// found is either imported or reported.
enum FileCollector {
    /// The files to import from `paths`: files named there, and every
    /// non-hidden `.txt` file in the directories named, walked recursively.
    /// A directory's files come oldest first (by modification time, then by
    /// the bytes of their paths), so an export of every version re-imports in
    /// history order. Paths that do not exist become failures.
    static func collect(_ paths: [URL]) -> (files: [ImportFile], failures: [ImportReport.Failure]) {
        var walker = Walker(roots: paths.compactMap { realPath($0.path) })
        for url in paths {
            let path = url.path
            var info = stat()
            guard stat(path, &info) == 0 else {
                walker.fail(path, String(cString: strerror(errno)).lowercased())
                continue
            }
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                var found: [ImportFile] = []
                walker.enter(info)
                walker.walk(directory: Array(path.utf8), relative: [], base: path, into: &found)
                // Sorted by position: moving the files themselves, each with
                // its strings to retain, took about a tenth of a re-import,
                // and reaching each time through its file 2% (perf). Files
                // with one time (a hundred share each on ext4) go by the
                // bytes of their paths, mostly told apart by the first eight:
                // comparing Strings took 70 ms of a 0.85 s re-import.
                let modified = found.map(\.modified)
                let leads = found.map { Self.lead($0.relativePath) }
                let order = found.indices.sorted { a, b in
                    if modified[a] != modified[b] { return modified[a] < modified[b] }
                    if leads[a] != leads[b] { return leads[a] < leads[b] }
                    return found[a].relativePath.utf8.lexicographicallyPrecedes(found[b].relativePath.utf8)
                }
                found = order.map { found[$0] }
                do throws(StoreError) {
                    if let list = try ExportKeys.read(in: path) {
                        for index in found.indices { found[index].key = list.keys[found[index].relativePath] }
                    }
                } catch {
                    // Keys guessed from names could merge unrelated
                    // histories: the folder waits for a readable list.
                    walker.fail(error.subject ?? path, error.message)
                    for file in found {
                        walker.fail(file.relativePath, "not read: the folder's \(ExportKeys.fileName) is not valid")
                    }
                    continue
                }
                walker.files += found
            case S_IFREG:
                walker.files.append(
                    ImportFile(
                        path: path, relativePath: url.lastPathComponent, modified: times(info).modified,
                        changed: times(info).changed, size: Int64(info.st_size), device: UInt64(info.st_dev),
                        inode: UInt64(info.st_ino)))
            default:
                walker.fail(path, "not a regular file or directory")
            }
        }
        return (readOnce(walker.files), walker.failures)
    }

    /// Drops the entries reached through a link to a file that is also
    /// found directly, or through an earlier link: such a file is read once.
    /// Hard links are separate names and are all kept.
    private static func readOnce(_ files: [ImportFile]) -> [ImportFile] {
        guard files.contains(where: \.viaLink) else { return files }
        var seen = Set(files.filter { !$0.viaLink }.map { FileIdentity(device: $0.device, inode: $0.inode) })
        return files.filter { file in
            !file.viaLink || seen.insert(FileIdentity(device: file.device, inode: file.inode)).inserted
        }
    }

    private struct FileIdentity: Hashable {
        let device: UInt64
        let inode: UInt64
    }

    private struct Walker {
        /// Real paths of the paths given; links may lead anywhere inside them.
        let roots: [String]
        var files: [ImportFile] = []
        var failures: [ImportReport.Failure] = []
        /// Directories entered, so that a link back up the tree ends the walk.
        var directories: Set<FileIdentity> = []

        init(roots: [String]) { self.roots = roots }

        mutating func fail(_ file: String, _ reason: String) {
            failures.append(.init(file: file, reason: reason))
        }

        /// Marks a directory as entered; false if it was already.
        @discardableResult
        mutating func enter(_ info: stat) -> Bool {
            directories.insert(FileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))).inserted
        }

        func inside(_ real: String) -> Bool {
            roots.contains { real == $0 || real.hasPrefix($0 == "/" ? "/" : $0 + "/") }
        }

        /// Walks `directory`, found at `relative` in the folder `base` when
        /// no link led there.
        mutating func walk(directory: [UInt8], relative: [UInt8], base: String?, into found: inout [ImportFile]) {
            guard let handle = directory.withCString({ opendir($0) }) else {
                fail(
                    display(relative.isEmpty ? directory : relative),
                    "cannot read directory: \(String(cString: strerror(errno)))")
                return
            }
            defer { closedir(handle) }
            var entries: [[UInt8]] = []
            while let entry = readdir(handle) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    Array(raw.prefix { $0 != 0 })
                }
                guard name.first != UInt8(ascii: "."), !name.isEmpty else { continue }
                entries.append(name)
            }
            // Each entry is looked up relative to the open directory, not by
            // its whole path, and on all cores, a chunk at a time: one lstat
            // per full path on one thread was a quarter of a re-import (perf).
            let fd = UnsafeSendable(value: dirfd(handle))
            for start in stride(from: 0, to: entries.count, by: 4096) {
                let chunk = Array(entries[start..<min(entries.count, start + 4096)])
                let infos = Parallel.map(chunk) { name -> Result<stat, Errno> in
                    var info = stat()
                    let status = name.withCString { fstatat(fd.value, $0, &info, AT_SYMLINK_NOFOLLOW) }
                    return status == 0 ? .success(info) : .failure(Errno(code: errno))
                }
                for (name, info) in zip(chunk, infos) {
                    let relativePath = relative.isEmpty ? name : relative + [UInt8(ascii: "/")] + name
                    visit(
                        directory: directory, name: name, relativePath: relativePath, lookup: info, base: base,
                        into: &found)
                }
            }
        }

        struct Errno: Error {
            let code: Int32
        }

        /// `lookup` is the entry's own `lstat`, or why there is none.
        private mutating func visit(
            directory: [UInt8], name: [UInt8], relativePath: [UInt8], lookup: Result<stat, Errno>, base: String?,
            into found: inout [ImportFile]
        ) {
            var info: stat
            switch lookup {
            case .success(let result): info = result
            case .failure(let error):
                fail(display(relativePath), "cannot stat: \(String(cString: strerror(error.code)))")
                return
            }
            let path = { directory + [UInt8(ascii: "/")] + name }
            // Where a link leads; otherwise the entry's path, made only when needed.
            var resolvedPath: [UInt8]?
            var viaLink = false
            if info.st_mode & S_IFMT == S_IFLNK {
                let path = path()
                let target = linkTarget(path)
                guard let real = path.withCString({ realpath($0, nil) }) else {
                    let reason = errno == ELOOP ? "a loop of symbolic links" : String(cString: strerror(errno))
                    fail(display(relativePath), "symbolic link to \(target): \(reason.lowercased()); not read")
                    return
                }
                let resolved = String(cString: real)
                free(real)
                guard inside(resolved) else {
                    fail(display(relativePath), "symbolic link to \(target), outside the paths given; not read")
                    return
                }
                guard stat(resolved, &info) == 0 else {
                    fail(display(relativePath), "symbolic link to \(target): \(String(cString: strerror(errno)))")
                    return
                }
                resolvedPath = Array(resolved.utf8)
                viaLink = true
            }
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                // A directory entered before (a link back up the tree, or
                // two links to one place) is walked once.
                guard enter(info) else { return }
                walk(
                    directory: resolvedPath ?? path(), relative: relativePath, base: viaLink ? nil : base, into: &found)
            case S_IFREG where name.hasSuffix(Array(".txt".utf8)):
                let joined = base != nil && !viaLink
                guard let relativeString = String(validating: relativePath, as: UTF8.self),
                    let pathString = joined ? base : String(validating: resolvedPath ?? path(), as: UTF8.self)
                else {
                    fail(display(relativePath), "the file name is not valid UTF-8; rename it to import it")
                    return
                }
                let (modified, changed) = times(info)
                let (size, device, inode) = (Int64(info.st_size), UInt64(info.st_dev), UInt64(info.st_ino))
                if joined {
                    found.append(
                        ImportFile(
                            directory: pathString, relativePath: relativeString, modified: modified, changed: changed,
                            size: size, device: device, inode: inode))
                } else {
                    found.append(
                        ImportFile(
                            path: pathString, relativePath: relativeString, modified: modified, changed: changed,
                            size: size, device: device, inode: inode, viaLink: viaLink))
                }
            case S_IFREG: return
            default:
                // A pipe or device named like an article would block or
                // never end if read.
                if name.hasSuffix(Array(".txt".utf8)) { fail(display(relativePath), "not a regular file; not read") }
            }
        }
    }

    /// A link's target as written in the link, for messages.
    private static func linkTarget(_ path: [UInt8]) -> String {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = path.withCString { link in
            buffer.withUnsafeMutableBytes { readlink(link, $0.baseAddress!.assumingMemoryBound(to: CChar.self), 4096) }
        }
        return count < 0 ? "an unreadable target" : display(Array(buffer.prefix(count)))
    }

    private static func realPath(_ path: String) -> String? {
        guard let real = realpath(path, nil) else { return nil }
        defer { free(real) }
        return String(cString: real)
    }

    /// A file name for messages: bytes that are not UTF-8 are shown as `\xNN`.
    static func display(_ bytes: [UInt8]) -> String {
        if let string = String(validating: bytes, as: UTF8.self) { return string }
        var result = ""
        var rest = bytes[...]
        while !rest.isEmpty {
            // The longest prefix that decodes, then one byte escaped.
            var end = rest.endIndex
            while end > rest.startIndex, String(validating: rest[rest.startIndex..<end], as: UTF8.self) == nil {
                end -= 1
            }
            if end > rest.startIndex {
                result += String(decoding: rest[rest.startIndex..<end], as: UTF8.self)
                rest = rest[end...]
            } else {
                result += "\\x" + String(rest.first!, radix: 16, uppercase: false).leftPadded(to: 2)
                rest = rest.dropFirst()
            }
        }
        return result
    }

    /// The first eight bytes of `path`, zero-padded, as a number that
    /// orders as the bytes do.
    private static func lead(_ path: String) -> UInt64 {
        var lead: UInt64 = 0
        var count = 0
        for byte in path.utf8.prefix(8) {
            lead = lead << 8 | UInt64(byte)
            count += 1
        }
        return lead << (8 * UInt64(8 - count))
    }

    /// Modification and change times, in nanoseconds since 1970.
    private static func times(_ info: stat) -> (modified: Int64, changed: Int64) {
        #if canImport(Darwin)
            (nanoseconds(info.st_mtimespec), nanoseconds(info.st_ctimespec))
        #else
            (nanoseconds(info.st_mtim), nanoseconds(info.st_ctim))
        #endif
    }

    private static func nanoseconds(_ time: timespec) -> Int64 {
        Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }

    /// Reads a whole file, refusing files over `limit` bytes before reading
    /// them. The file must still be the one found: not a link (opened with
    /// `O_NOFOLLOW`), regular, and with the same device and inode.
    static func contents(of file: ImportFile, limit: Int) throws(ReadFailure) -> [UInt8] {
        let fd = open(file.path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            let reason = errno == ELOOP ? "it became a symbolic link" : String(cString: strerror(errno))
            throw ReadFailure(reason: "cannot open: \(reason)")
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw ReadFailure(reason: "cannot stat: \(String(cString: strerror(errno)))")
        }
        guard info.st_mode & S_IFMT == S_IFREG, UInt64(info.st_dev) == file.device,
            UInt64(info.st_ino) == file.inode
        else {
            throw ReadFailure(reason: "the file was replaced while the import ran; not read")
        }
        let size = Int(info.st_size)
        guard size <= limit else {
            throw ReadFailure(reason: "file is \(size) bytes, over the size limit of \(limit) bytes")
        }
        var bytes = [UInt8](repeating: 0, count: size)
        var filled = 0
        while filled < size {
            let count = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress! + filled, size - filled) }
            if count < 0 { throw ReadFailure(reason: "cannot read: \(String(cString: strerror(errno)))") }
            if count == 0 { break }
            filled += count
        }
        return filled == size ? bytes : Array(bytes.prefix(filled))
    }

    struct ReadFailure: Error {
        let reason: String
    }
}

extension [UInt8] {
    fileprivate func withCString<R>(_ body: (UnsafePointer<CChar>) throws -> R) rethrows -> R {
        try (self + [0]).withUnsafeBufferPointer { buffer in
            try buffer.withMemoryRebound(to: CChar.self) { try body($0.baseAddress!) }
        }
    }

    fileprivate func hasSuffix(_ suffix: [UInt8]) -> Bool {
        count >= suffix.count && self[(count - suffix.count)...].elementsEqual(suffix)
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
