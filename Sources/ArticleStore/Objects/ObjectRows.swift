import Foundation
import GRDB

/// Reading and writing rows of the `object` table.
struct ObjectRows {
    let db: Database
    let codec: ObjectCodec

    /// The row ID of the object with this hash, if stored.
    func rowID(of id: ObjectID) throws -> Int64? {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM object WHERE hash = ?"), arguments: [id.data])
    }

    /// Stores an object and returns its row ID.
    ///
    /// `OR ROLLBACK`, here and for version rows, is for speed: these inserts
    /// fire a trigger, and with the default `ABORT` SQLite would copy every
    /// page they touch to a statement journal so it could undo the statement
    /// alone. A failed insert ends the whole write transaction instead, which
    /// is what the caller does with any error anyway.
    func insert(_ id: ObjectID, size: Int, fingerprint: Int64, blob: EncodedBlob) throws -> Int64 {
        try db.cachedStatement(
            sql: """
                INSERT OR ROLLBACK INTO object (hash, size, fingerprint, codec, dictionary, data)
                VALUES (?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [id.data, size, fingerprint, blob.codec.rawValue, blob.dictionary, Data(blob.data)])
        return db.lastInsertedRowID
    }

    /// The decoded bytes of the object with this row ID.
    func bytes(rowID: Int64) throws -> [UInt8] {
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT hash, size, codec, dictionary, data FROM object WHERE id = ?"),
                arguments: [rowID])
        else { throw StoreError(.notFound, "object row \(rowID) is missing") }
        return try decode(row)
    }

    /// The decoded bytes of an object, checked against its hash.
    func verifiedBytes(rowID: Int64) throws -> [UInt8] {
        let bytes = try bytes(rowID: rowID)
        let stored =
            try Data.fetchOne(
                db.cachedStatement(sql: "SELECT hash FROM object WHERE id = ?"), arguments: [rowID]) ?? Data()
        guard ObjectID.hashing(bytes).data == stored else {
            throw StoreError(.corrupt, "stored bytes do not hash to their ID", subject: "object \(Hex.encode(stored))")
        }
        return bytes
    }

    /// Decodes a row holding `hash`, `size`, `codec`, `dictionary` and `data`.
    func decode(_ row: Row) throws -> [UInt8] {
        let size: Int = row["size"]
        let codecValue: Int = row["codec"]
        let dictionary: Int64? = row["dictionary"]
        do {
            return try row.withUnsafeData(named: "data") { data in
                try (data ?? Data()).withUnsafeBytes { raw in
                    try codec.decode(raw, codec: codecValue, dictionary: dictionary, size: size) { id in
                        try Data.fetchOne(db, sql: "SELECT data FROM dictionary WHERE id = ?", arguments: [id])
                            .map { [UInt8]($0) }
                    }
                }
            }
        } catch let error as StoreError {
            let hash = (row["hash"] as Data?).map { Hex.encode($0) } ?? "?"
            throw StoreError(error.code, error.message, subject: "object \(hash)")
        }
    }
}
