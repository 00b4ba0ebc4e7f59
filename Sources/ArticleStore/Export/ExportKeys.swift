import Foundation

/// The keys of exported files whose names do not give them, kept beside the
/// files in `artstore-keys.json` (Schema/export.md). A file named
/// `NNN_<16 hex>.txt` imports under the key `NNN`; an article keyed by a
/// path or a namespaced key is listed here, so that importing the export
/// gives it back its key.
struct ExportKeys: Codable, Sendable {
    static let fileName = "artstore-keys.json"
    static let formatName = "artstore-export-keys"

    var format = Self.formatName
    var version = 1
    /// File name to key.
    var keys: [String: String] = [:]

    /// The list in `directory`, or nil when there is none.
    static func read(in directory: String) throws(StoreError) -> ExportKeys? {
        let path = directory + "/" + fileName
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw StoreError(.io, "cannot read the export's key list", subject: path, underlying: error)
        }
        let list: ExportKeys
        do {
            list = try JSONDecoder().decode(ExportKeys.self, from: data)
        } catch {
            throw StoreError(.invalidArgument, "not a valid key list: \(error)", subject: path)
        }
        guard list.format == formatName, list.version == 1 else {
            throw StoreError(
                .invalidArgument, "not a key list this version reads (\(list.format) \(list.version))", subject: path)
        }
        for (name, key) in list.keys {
            guard !name.contains("/"), name.hasSuffix(".txt"), !key.isEmpty else {
                throw StoreError(.invalidArgument, "the entry \(name) is not a file name with a key", subject: path)
            }
        }
        return list
    }
}
