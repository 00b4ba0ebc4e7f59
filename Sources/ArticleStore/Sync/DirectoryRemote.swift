import Crypto
import Foundation

/// A remote that is a plain folder (a USB stick, a network share, a synced
/// folder), with no server: immutable packs plus one small manifest per pack
/// listing its object IDs (Schema/sync.md, "Directory remote").
///
/// Files are written under a temporary name, flushed to disk, then renamed;
/// nothing is rewritten in place, so concurrent writers and file-sync tools
/// only ever add complete files. A manifest is written after its pack, so a
/// reader never follows a manifest to a half-written pack.
public struct DirectoryRemote: Remote {
    /// The folder.
    public let url: URL
    /// The largest object accepted, as in the store's configuration.
    public let sizeLimit: Int

    /// A remote in the folder at `url`, created on the first push; packs over `sizeLimit` bytes are refused.
    public init(url: URL, sizeLimit: Int = ArticleStore.Configuration().sizeLimit) {
        self.url = url
        self.sizeLimit = sizeLimit
    }

    /// The folder's path.
    public var location: String { url.path }

    static let formatLine = "artstore-remote 1"
    var packs: URL { url.appendingPathComponent("packs") }
    var manifests: URL { url.appendingPathComponent("manifests") }

    /// Answers `request` from the folder's packs and manifests.
    public func exchange(_ request: SyncRequest) async throws -> SyncResponse {
        let request = try SyncRequest(decoding: request.encoded)
        let response: SyncResponse
        switch request.message {
        case .changes(let since, let limit):
            let folder = try open()
            let seen = Set(since.map(Self.names(fromCheckpoint:)) ?? [])
            let listing = try folder.listing()
            guard limit > 0 else {
                let all = listing.map(\.name).sorted()
                return SyncResponse(
                    .changes(remoteID: folder.id, ids: [], checkpoint: Self.checkpoint(all), more: false))
            }
            var ids: [ObjectID] = []
            for manifest in listing where !seen.contains(manifest.name) { ids += try manifest.ids() }
            response = SyncResponse(
                .changes(remoteID: folder.id, ids: ids, checkpoint: Self.checkpoint(listing.map(\.name)), more: false))
        case .ranges(let items):
            response = Reconciler.answer(items, from: try open().allIDs())
        case .missing(let ids):
            // Only a push asks what is missing: the folder is created for it.
            let folder = try open(creating: true)
            let held = Set(try folder.allIDs())
            response = SyncResponse(.missing(remoteID: folder.id, ids: ids.filter { !held.contains($0) }))
        case .fetch(let ids):
            response = SyncResponse(.pack(Pack.encode(try open().entries(Set(ids), sizeLimit: sizeLimit))))
        case .push(let pack, let checkpoint):
            let entries = try Pack.decode(pack, sizeLimit: sizeLimit, what: "pushed pack")
            let folder = try open(creating: true)
            let name = try folder.add(pack: pack, ids: entries.map(\.id))
            let next = checkpoint.map { Self.checkpoint(Self.names(fromCheckpoint: $0) + [name]) }
            response = SyncResponse(.done(applied: entries.count, checkpoint: next))
        case .snapshot:
            // A folder holds packs, not a store to copy: clones fetch objects.
            response = SyncResponse(.snapshot(.none))
        }
        return try SyncResponse(decoding: response.encoded)
    }

    /// Compacts the folder: writes one pack holding every object of the
    /// current packs, then deletes those packs and their manifests. Readers
    /// that listed the old names find the same objects in the new pack, and
    /// packs pushed meanwhile are left alone. Returns how many packs were merged.
    @discardableResult
    public func repack() async throws -> Int {
        let folder = try open()
        let listing = try folder.listing()
        guard listing.count > 1 else { return 0 }
        var entries: [PackEntry] = []
        var seen = Set<ObjectID>()
        for manifest in listing {
            for entry in try folder.read(pack: manifest.name, sizeLimit: sizeLimit) where seen.insert(entry.id).inserted
            {
                entries.append(entry)
            }
        }
        _ = try folder.add(pack: Pack.encode(entries), ids: entries.map(\.id))
        for manifest in listing {
            try? FileManager.default.removeItem(at: folder.manifestURL(manifest.name))
            try? FileManager.default.removeItem(at: folder.packURL(manifest.name))
        }
        return listing.count
    }

    /// The folder's identity and files; creates the layout when asked.
    private func open(creating: Bool = false) throws -> RemoteFolder {
        let format = url.appendingPathComponent("format")
        if !FileManager.default.fileExists(atPath: format.path) {
            guard creating else {
                throw StoreError(.notFound, "no artstore remote folder here (push to create one)", subject: url.path)
            }
            try RemoteFolder.create(at: url, format: format)
        }
        return try RemoteFolder(url: url, format: format)
    }

    /// A checkpoint is the sorted list of manifest names already read.
    static func checkpoint(_ names: [String]) -> [UInt8] {
        Array(names.sorted().joined(separator: "\n").utf8)
    }

    static func names(fromCheckpoint bytes: [UInt8]) -> [String] {
        String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init)
    }
}
