import ArticleStore
import Foundation

/// A remote that saves a copy of every pack it sends or receives in a
/// folder, for `--trace-packs`: `sent-HASH.pack` and `received-HASH.pack`,
/// where HASH is the start of the pack's own checksum. The files follow
/// `Schema/pack.md`, so any reader of that format can inspect them.
struct PackTracingRemote: Remote {
    let base: any Remote
    let folder: URL

    var location: String { base.location }

    init(_ base: any Remote, folder: String) throws {
        self.base = base
        self.folder = URL(fileURLWithPath: folder)
        try FileManager.default.createDirectory(at: self.folder, withIntermediateDirectories: true)
    }

    func exchange(_ request: SyncRequest) async throws -> SyncResponse {
        if let pack = request.pack { try save(pack, as: "sent") }
        let response = try await base.exchange(request)
        if let pack = response.pack { try save(pack, as: "received") }
        return response
    }

    private func save(_ pack: [UInt8], as direction: String) throws {
        let name = direction + "-" + pack.suffix(32).prefix(8).map { String(format: "%02x", $0) }.joined() + ".pack"
        let url = folder.appendingPathComponent(name)
        do {
            try Data(pack).write(to: url)
        } catch {
            throw StoreError(.io, "cannot write the pack trace: \(error.localizedDescription)", subject: url.path)
        }
    }
}
