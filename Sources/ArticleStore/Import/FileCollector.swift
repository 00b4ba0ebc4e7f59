import Foundation

/// A file to import and its path relative to the import root.
struct ImportFile: Sendable {
    let url: URL
    let relativePath: String
    let modified: Date
}

enum FileCollector {
    /// The files to import from `paths`: files named there, and every
    /// non-hidden `.txt` file in the directories named, walked recursively.
    /// A directory's files come oldest first (by modification time, then path),
    /// so an export of every version re-imports in history order. Paths that
    /// do not exist become failures.
    static func collect(_ paths: [URL]) -> (files: [ImportFile], failures: [ImportReport.Failure]) {
        var files: [ImportFile] = []
        var failures: [ImportReport.Failure] = []
        let manager = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path.path, isDirectory: &isDirectory) else {
                failures.append(.init(file: path.path, reason: "no such file or directory"))
                continue
            }
            guard isDirectory.boolValue else {
                files.append(ImportFile(url: path, relativePath: path.lastPathComponent, modified: modified(path)))
                continue
            }
            let root = path.standardizedFileURL.path
            let prefix = root.hasSuffix("/") ? root : root + "/"
            var found: [ImportFile] = []
            let walker = manager.enumerator(
                at: path.standardizedFileURL, includingPropertiesForKeys: [.isRegularFileKey, .contentModificationDateKey],
                options: [.skipsHiddenFiles])
            while let url = walker?.nextObject() as? URL {
                let values = try? url.resourceValues(forKeys: [.isRegularFileKey, .contentModificationDateKey])
                guard values?.isRegularFile == true, url.pathExtension == "txt" else { continue }
                let full = url.standardizedFileURL.path
                let relative = full.hasPrefix(prefix) ? String(full.dropFirst(prefix.count)) : url.lastPathComponent
                found.append(ImportFile(url: url, relativePath: relative, modified: values?.contentModificationDate ?? .distantPast))
            }
            files += found.sorted { ($0.modified, $0.relativePath) < ($1.modified, $1.relativePath) }
        }
        return (files, failures)
    }

    private static func modified(_ url: URL) -> Date {
        (try? url.resourceValues(forKeys: [.contentModificationDateKey]))?.contentModificationDate ?? .distantPast
    }
}
