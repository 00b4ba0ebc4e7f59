extension ArticleStore {
    /// This release of ArticleStore, as `artstore --version` prints it and
    /// the feed fetcher's `User-Agent` names it.
    public static let version = "0.9.0"
}
