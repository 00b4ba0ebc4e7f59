import Foundation

/// A file to import and its path relative to the import root.
struct ImportFile: Sendable {
    let url: URL
    let relativePath: String
}

enum FileCollector {
    /// Every regular, non-hidden file under `paths`, directories walked
    /// recursively, in path order. Paths that do not exist become failures.
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
                files.append(ImportFile(url: path, relativePath: path.lastPathComponent))
                continue
            }
            let root = path.standardizedFileURL.path
            let prefix = root.hasSuffix("/") ? root : root + "/"
            var found: [ImportFile] = []
            let walker = manager.enumerator(
                at: path.standardizedFileURL, includingPropertiesForKeys: [.isRegularFileKey],
                options: [.skipsHiddenFiles])
            while let url = walker?.nextObject() as? URL {
                guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
                let full = url.standardizedFileURL.path
                let relative = full.hasPrefix(prefix) ? String(full.dropFirst(prefix.count)) : url.lastPathComponent
                found.append(ImportFile(url: url, relativePath: relative))
            }
            files += found.sorted { $0.relativePath < $1.relativePath }
        }
        return (files, failures)
    }
}
