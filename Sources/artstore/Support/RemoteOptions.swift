import ArgumentParser
import ArticleStore
import Foundation

#if canImport(ArticleStoreHTTP)
    import ArticleStoreHTTP
#endif

/// Opens remotes named on the command line: a saved remote's name, a URL
/// (`http://`, `https://`) or a folder path.
enum Remotes {
    static func isURL(_ location: String) -> Bool {
        location.hasPrefix("http://") || location.hasPrefix("https://")
    }

    /// The remote for `reference`. A token comes from `ARTSTORE_TOKEN` or
    /// from a token file, never from the command line.
    static func open(_ reference: String, store: ArticleStore?, tokenFile: String? = nil) async throws -> any Remote {
        let saved = try await store?.remotes().first { $0.name == reference }
        let location = saved?.location ?? reference
        if isURL(location) {
            #if canImport(ArticleStoreHTTP)
                guard let url = URL(string: location) else {
                    throw StoreError(.invalidArgument, "not a valid URL", subject: location)
                }
                let token = try HTTPRemote.token(
                    environment: ProcessInfo.processInfo.environment, file: tokenFile ?? saved?.tokenFile)
                return HTTPRemote(url: url, token: token)
            #else
                throw StoreError(.invalidArgument, "this build has no HTTP support", subject: location)
            #endif
        }
        if saved == nil, store != nil, !location.contains("/"), !FileManager.default.fileExists(atPath: location) {
            throw StoreError(.notFound, "no remote of this name; add one with `artstore remote add`", subject: location)
        }
        return DirectoryRemote(url: URL(fileURLWithPath: location))
    }

    /// `remote`, saving its packs in `folder` when one is given (`--trace-packs`).
    static func tracing(_ remote: any Remote, into folder: String?) throws -> any Remote {
        guard let folder else { return remote }
        return try PackTracingRemote(remote, folder: folder)
    }
}

/// A sync progress bar, with the report printed at the end.
enum SyncOutput {
    static func print(_ verb: String, _ report: SyncReport, json: Bool) throws {
        if json { return try Terminal.printJSON(report) }
        var line = "\(verb) \(report.remote): received \(report.received) objects (\(report.versions) versions)"
        line += ", sent \(report.sent) objects; \(report.bytes) bytes in \(report.roundTrips) round trips"
        if report.reconciled { line += " (sets reconciled: \(report.reconciliationBytes) bytes)" }
        if report.snapshot { line += " (from a snapshot of the remote's store, checked)" }
        Swift.print(line)
        if report.unavailable > 0 {
            Swift.print("\(report.unavailable) objects are listed but not available yet; run it again later")
        }
        if report.pending > 0 { Swift.print("\(report.pending) versions wait for their content or parents") }
        if !report.conflicts.isEmpty {
            Swift.print("\(report.conflicts.count) conflicted articles (see `artstore conflicts`):")
            for key in report.conflicts.prefix(10) { Swift.print("  \(key)") }
        }
    }
}
