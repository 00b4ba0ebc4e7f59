extension Duration {
    /// The duration in seconds, as reports give elapsed time.
    public var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
