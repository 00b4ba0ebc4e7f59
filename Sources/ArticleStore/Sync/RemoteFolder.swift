import Crypto
import Foundation

/// The files of a directory remote: `format` (the layout version and the
/// folder's random ID), `packs/NAME.pack` and `manifests/NAME.ids`.
struct RemoteFolder {
    let url: URL
    let id: String

    struct Manifest {
        let name: String
        let url: URL

        /// The IDs the manifest lists: "ASMF", version 1, then an ID list,
        /// then the SHA-256 of what precedes it.
        func ids() throws -> [ObjectID] {
            let bytes = try RemoteFolder.read(url)
            var reader = WireReader(bytes, what: url.path)
            guard bytes.count >= 37, Array(try reader.raw(4)) == Array("ASMF".utf8), try reader.byte() == 1,
                Array(SHA256.hash(data: bytes.dropLast(32))) == Array(bytes.suffix(32))
            else { throw reader.failure("not a valid manifest", at: 0) }
            let ids = try reader.ids()
            guard reader.remaining == 32 else { throw reader.failure("trailing bytes") }
            return ids
        }
    }

    init(url: URL, format: URL) throws {
        self.url = url
        let text = String(decoding: try Self.read(format), as: UTF8.self)
        let lines = text.split(separator: "\n")
        guard lines.first == Substring(DirectoryRemote.formatLine), lines.count >= 2, lines[1].hasPrefix("id ") else {
            throw StoreError(.invalidMessage, "not an artstore remote folder (format 1)", subject: format.path)
        }
        id = String(lines[1].dropFirst(3))
    }

    /// Creates the layout. Two machines creating it at once agree on one
    /// `format` file: it is linked into place, which fails if it exists.
    static func create(at url: URL, format: URL) throws {
        let manager = FileManager.default
        do {
            for folder in ["packs", "manifests"] {
                try manager.createDirectory(at: url.appendingPathComponent(folder), withIntermediateDirectories: true)
            }
        } catch {
            throw StoreError(.io, "cannot create the remote folder", subject: url.path, underlying: error)
        }
        let id = Hex.encode((0..<16).map { _ in UInt8.random(in: 0...255) })
        let temporary = try writeTemporary(Array("\(DirectoryRemote.formatLine)\nid \(id)\n".utf8), in: url)
        defer { unlink(temporary.path) }
        if link(temporary.path, format.path) != 0, errno != EEXIST {
            throw StoreError(.io, "cannot write the format file (errno \(errno))", subject: format.path)
        }
    }

    func packURL(_ name: String) -> URL { url.appendingPathComponent("packs/\(name).pack") }
    func manifestURL(_ name: String) -> URL { url.appendingPathComponent("manifests/\(name).ids") }

    /// Complete manifests; temporary files (names starting with ".") are ignored.
    func listing() throws -> [Manifest] {
        let folder = url.appendingPathComponent("manifests")
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        } catch {
            throw StoreError(.io, "cannot list the remote folder", subject: folder.path, underlying: error)
        }
        return names.filter { !$0.hasPrefix(".") && $0.hasSuffix(".ids") }.sorted().map {
            Manifest(name: String($0.dropLast(4)), url: folder.appendingPathComponent($0))
        }
    }

    func allIDs() throws -> [ObjectID] {
        Array(Set(try listing().flatMap { try $0.ids() }))
    }

    /// The entries of the packs that hold any of `wanted`. A manifest whose
    /// pack has not arrived yet (a file-sync tool copying the folder) is
    /// skipped: those objects are reported as unavailable by their absence.
    func entries(_ wanted: Set<ObjectID>, sizeLimit: Int) throws -> [PackEntry] {
        var found: [ObjectID: PackEntry] = [:]
        for manifest in try listing() where found.count < wanted.count {
            let ids = try manifest.ids()
            guard ids.contains(where: { wanted.contains($0) && found[$0] == nil }) else { continue }
            guard FileManager.default.fileExists(atPath: packURL(manifest.name).path) else { continue }
            for entry in try read(pack: manifest.name, sizeLimit: sizeLimit) where wanted.contains(entry.id) {
                found[entry.id] = entry
            }
        }
        let contents = found.values.filter { $0.kind == .content }
        let versions = found.values.filter { $0.kind == .version }
        return contents + versions
    }

    func read(pack name: String, sizeLimit: Int) throws -> [PackEntry] {
        try Pack.decode(try Self.read(packURL(name)), sizeLimit: sizeLimit, what: packURL(name).path)
    }

    /// Adds a pack and its manifest; returns the name they share.
    func add(pack: [UInt8], ids: [ObjectID]) throws -> String {
        let seconds = Int(Date().timeIntervalSince1970)
        let name = "\(seconds)-" + Hex.encode(Array(SHA256.hash(data: pack)).prefix(16))
        var manifest = WireWriter()
        manifest.raw(Array("ASMF".utf8))
        manifest.byte(1)
        manifest.ids(ids)
        manifest.raw(Array(SHA256.hash(data: manifest.bytes)))
        try Self.install(pack, at: packURL(name))
        try Self.install(manifest.bytes, at: manifestURL(name))
        return name
    }

    /// Writes `bytes` to a temporary file in the target's folder, flushes
    /// it, renames it into place and flushes the folder.
    static func install(_ bytes: [UInt8], at target: URL) throws {
        let folder = target.deletingLastPathComponent()
        let temporary = try writeTemporary(bytes, in: folder)
        guard rename(temporary.path, target.path) == 0 else {
            unlink(temporary.path)
            throw StoreError(.io, "cannot rename into place (errno \(errno))", subject: target.path)
        }
        let descriptor = Foundation.open(folder.path, O_RDONLY)
        if descriptor >= 0 {
            fsync(descriptor)
            close(descriptor)
        }
    }

    private static func writeTemporary(_ bytes: [UInt8], in folder: URL) throws -> URL {
        let temporary = folder.appendingPathComponent(".tmp-\(UUID().uuidString)")
        let descriptor = Foundation.open(temporary.path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard descriptor >= 0 else {
            throw StoreError(.io, "cannot create a file (errno \(errno))", subject: temporary.path)
        }
        defer { close(descriptor) }
        var written = 0
        while written < bytes.count {
            let result = bytes[written...].withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
            guard result > 0 else {
                unlink(temporary.path)
                throw StoreError(.io, "cannot write (errno \(errno))", subject: temporary.path)
            }
            written += result
        }
        guard fsync(descriptor) == 0 else {
            unlink(temporary.path)
            throw StoreError(.io, "cannot flush to disk (errno \(errno))", subject: temporary.path)
        }
        return temporary
    }

    static func read(_ file: URL) throws -> [UInt8] {
        do {
            return [UInt8](try Data(contentsOf: file))
        } catch {
            throw StoreError(.io, "cannot read", subject: file.path, underlying: error)
        }
    }
}
