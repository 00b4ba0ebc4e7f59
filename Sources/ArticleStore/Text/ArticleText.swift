import Foundation

/// Article bytes that passed validation: UTF-8, no NUL, a title on the first line.
struct ArticleText: Sendable {
    /// The bytes to store: UTF-8, without a byte-order mark.
    let bytes: [UInt8]
    /// The first line, trimmed.
    let title: String
    /// How the input was encoded: `utf-8`, `utf-8+bom`, `latin1` or `windows-1252`.
    let encoding: String

    /// Validates and, when needed, transcodes `raw`. Throws `.invalidArticle`
    /// naming `subject` and the reason, with byte offsets into the input.
    static func decode(_ raw: [UInt8], encoding: TextEncoding, sizeLimit: Int, subject: String) throws -> ArticleText {
        func reject(_ reason: String) -> StoreError { StoreError(.invalidArticle, reason, subject: subject) }
        guard raw.count <= sizeLimit else {
            throw reject("file is \(raw.count) bytes, over the size limit of \(sizeLimit) bytes")
        }
        guard !raw.isEmpty else { throw reject("file is empty") }
        var bytes = raw
        var encodingName = encoding.name
        var offset = 0
        if encoding == .utf8 {
            if raw.starts(with: [0xEF, 0xBB, 0xBF]) {
                bytes.removeFirst(3)
                encodingName = "utf-8+bom"
                offset = 3
            }
            if let bad = bytes.withUnsafeBufferPointer({ UTF8Check.firstInvalidByte($0) }) {
                throw reject("invalid UTF-8 at byte \(bad + offset)")
            }
        } else {
            bytes = Transcoder.toUTF8(raw, from: encoding)
        }
        if let nul = raw.firstIndex(of: 0) { throw reject("NUL byte at byte \(nul)") }
        let lineEnd = bytes.firstIndex(of: UInt8(ascii: "\n")) ?? bytes.endIndex
        let title = String(decoding: bytes[..<lineEnd], as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        guard !title.isEmpty else {
            if bytes.allSatisfy({ $0 == 0x20 || ($0 >= 0x09 && $0 <= 0x0D) }) {
                throw reject("file holds only whitespace")
            }
            throw reject("no title: the first line is blank")
        }
        return ArticleText(bytes: bytes, title: title, encoding: encodingName)
    }

    /// The text after the title line, with leading blank lines removed.
    static func body(of bytes: [UInt8]) -> String {
        String(decoding: bodyBytes(of: bytes), as: UTF8.self)
    }

    /// The bytes of ``body(of:)``.
    static func bodyBytes(of bytes: [UInt8]) -> ArraySlice<UInt8> {
        guard var start = bytes.firstIndex(of: UInt8(ascii: "\n")) else { return [] }
        while start < bytes.endIndex, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[start]) { start += 1 }
        return bytes[start...]
    }
}
