/// Picks the parser for a document by its first significant character.
enum FeedParser {
    /// `charset` is the parameter of a fetched feed's `Content-Type`, if any.
    static func parse(_ raw: [UInt8], documentURL: String?, charset: String? = nil) throws(FeedSyntaxError)
        -> ParsedFeed
    {
        var start = raw.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while start < raw.count, [0x20, 0x09, 0x0A, 0x0D].contains(raw[start]) { start += 1 }
        if start < raw.count, raw[start] == UInt8(ascii: "{") {
            let source = try FeedDecoding.utf8(
                Array(raw.dropFirst(raw.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0)), declared: "UTF-8 (JSON)")
            return try JSONFeedParser.parse(source, documentURL: documentURL)
        }
        return try XMLFeedParser.parse(try FeedDecoding.xml(raw, charset: charset), documentURL: documentURL)
    }
}
