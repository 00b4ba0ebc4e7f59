import ArticleStore

/// A `--listen HOST:PORT` value, split at its last colon.
struct ListenAddress {
    let host: String
    let port: Int

    init(_ text: String) throws {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]) else {
            throw StoreError(.invalidArgument, "expected HOST:PORT", subject: text)
        }
        host = String(text[..<colon])
        self.port = port
    }
}
