/// Settings for ``ArticleStore/importFiles(_:options:progress:)``.
public struct ImportOptions: Sendable {
    /// Prefixed to every key, as `NS/key`, to keep unrelated batches apart.
    public var namespace: String?
    /// The encoding of the input files.
    public var encoding: TextEncoding = .utf8
    /// Metadata recorded on every imported version (`origin` and `number` are
    /// set per file).
    public var metadata = ArticleMetadata()

    public init(namespace: String? = nil, encoding: TextEncoding = .utf8) {
        self.namespace = namespace
        self.encoding = encoding
    }
}
