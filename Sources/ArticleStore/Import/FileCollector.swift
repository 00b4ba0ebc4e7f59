import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file to import and its path relative to the import root.
struct ImportFile: Sendable {
    let path: String
    let relativePath: String
    /// Modification time in nanoseconds since 1970.
    let modified: Int64
}

/// Finds and reads input files with plain POSIX calls: on folders of
/// 100,000 small files, Foundation's URL-based APIs cost more than the reads.
enum FileCollector {
    /// The files to import from `paths`: files named there, and every
    /// non-hidden `.txt` file in the directories named, walked recursively.
    /// A directory's files come oldest first (by modification time, then path),
    /// so an export of every version re-imports in history order. Paths that
    /// do not exist become failures.
    static func collect(_ paths: [URL]) -> (files: [ImportFile], failures: [ImportReport.Failure]) {
        var files: [ImportFile] = []
        var failures: [ImportReport.Failure] = []
        for url in paths {
            let path = url.path
            var info = stat()
            guard stat(path, &info) == 0 else {
                failures.append(.init(file: path, reason: String(cString: strerror(errno)).lowercased()))
                continue
            }
            if info.st_mode & S_IFMT != S_IFDIR {
                files.append(ImportFile(path: path, relativePath: url.lastPathComponent, modified: nanoseconds(info)))
                continue
            }
            var found: [ImportFile] = []
            walk(directory: path, relative: "", into: &found, failures: &failures)
            files += found.sorted { ($0.modified, $0.relativePath) < ($1.modified, $1.relativePath) }
        }
        return (files, failures)
    }

    private static func walk(
        directory: String, relative: String, into found: inout [ImportFile], failures: inout [ImportReport.Failure]
    ) {
        guard let handle = opendir(directory) else {
            failures.append(
                .init(file: directory, reason: "cannot read directory: \(String(cString: strerror(errno)))"))
            return
        }
        defer { closedir(handle) }
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
            guard !name.hasPrefix(".") else { continue }
            let path = directory + "/" + name
            let relativePath = relative.isEmpty ? name : relative + "/" + name
            var info = stat()
            guard stat(path, &info) == 0 else { continue }
            switch info.st_mode & S_IFMT {
            case S_IFDIR: walk(directory: path, relative: relativePath, into: &found, failures: &failures)
            case S_IFREG where name.hasSuffix(".txt"):
                found.append(ImportFile(path: path, relativePath: relativePath, modified: nanoseconds(info)))
            default: continue
            }
        }
    }

    private static func nanoseconds(_ info: stat) -> Int64 {
        #if canImport(Darwin)
            Int64(info.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(info.st_mtimespec.tv_nsec)
        #else
            Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        #endif
    }

    /// Reads a whole file, refusing files over `limit` bytes before reading them.
    static func contents(of path: String, limit: Int) throws(ReadFailure) -> [UInt8] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw ReadFailure(reason: "cannot open: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw ReadFailure(reason: "cannot stat: \(String(cString: strerror(errno)))")
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
