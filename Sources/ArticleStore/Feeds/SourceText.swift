/// A feed document as UTF-8 bytes, with the means to turn a byte offset into
/// the line:column a reader of the original file would look for.
struct SourceText: Sendable {
    /// The document, transcoded to UTF-8 when it was declared otherwise.
    let bytes: [UInt8]
    /// Byte offsets where each line starts.
    private let lineStarts: [Int]

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var starts = [0]
        for (offset, byte) in bytes.enumerated() where byte == 0x0A { starts.append(offset + 1) }
        lineStarts = starts
    }

    /// The 1-based line and column of a byte offset. Columns count characters
    /// (Unicode scalars), not bytes.
    func position(of offset: Int) -> FeedPosition {
        let clamped = min(max(offset, 0), bytes.count)
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= clamped { low = middle } else { high = middle - 1 }
        }
        var column = 1
        var index = lineStarts[low]
        while index < clamped {
            if bytes[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        return FeedPosition(line: low + 1, column: column)
    }
}

/// A place in a feed document: 1-based line and column (in characters).
public struct FeedPosition: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The line, from 1.
    public let line: Int
    /// The column, from 1, in characters.
    public let column: Int

    /// A position at `line` and `column`, both from 1.
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// `line:column`.
    public var description: String { "\(line):\(column)" }
}

/// A problem found while reading a feed, at a position in it.
struct FeedSyntaxError: Error, Sendable {
    let position: FeedPosition
    let message: String

    /// The store error reported for this problem in the feed `source`.
    func storeError(source: String) -> StoreError {
        StoreError(.invalidFeed, "\(position): \(message)", subject: source)
    }
}
