/// Settings for ``ArticleStore/importFiles(_:options:progress:)``.
public struct ImportOptions: Sendable {
    /// Prefixed to every key, as `NS/key`, to keep unrelated batches apart.
    public var namespace: String?
    /// The encoding of the input files.
    public var encoding: TextEncoding = .utf8
    /// What to do with texts that tell a story already stored.
    public var nearDuplicates: NearDuplicatePolicy = .link
    /// Read and hash every file, even those the store's stat cache says are
    /// unchanged since an earlier import (`artstore import --rehash`).
    public var rehash = false
    /// Metadata recorded on every imported version (`origin` and `number` are
    /// set per file).
    public var metadata = ArticleMetadata()

    /// Options for an import; the defaults keep keys as the files give them, read UTF-8 and link near-duplicates.
    public init(namespace: String? = nil, encoding: TextEncoding = .utf8, nearDuplicates: NearDuplicatePolicy = .link) {
        self.namespace = namespace
        self.encoding = encoding
        self.nearDuplicates = nearDuplicates
    }
}
