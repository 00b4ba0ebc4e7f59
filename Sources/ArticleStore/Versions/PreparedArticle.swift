/// An article ready to be written: validated, hashed and fingerprinted.
/// Preparation is pure CPU work and runs in parallel, outside transactions.
struct PreparedArticle: Sendable {
    var key: String
    var text: ArticleText
    var content: ObjectID
    var fingerprint: Int64
    var metadata: ArticleMetadata
    /// The compressed bytes, once computed.
    var blob: EncodedBlob?
    /// What near-duplicate detection compares; nil when detection is off.
    var near: NearSignature?
    /// The index's postings for `near`'s anchors, read in a snapshot before
    /// the write transaction; nil to read them in it.
    var postings: [Int64: [Int64]]?
    /// The search entry's tokens, made before the write transaction; nil to
    /// tokenize the text in it.
    var searchTokens: SearchWrites.Tokens?

    init(key: String, text: ArticleText, metadata: ArticleMetadata, nearDuplicates: Bool = true) {
        self.key = key
        self.text = text
        self.content = ObjectID.hashing(text.bytes)
        self.fingerprint = Fingerprint.of(text.bytes)
        self.near = nearDuplicates ? NearSignature(body: ArticleText.bodyBytes(of: text.bytes)) : nil
        self.metadata = metadata
    }
}
