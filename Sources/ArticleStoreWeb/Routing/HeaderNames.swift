import HTTPTypes

/// Header names HTTPTypes does not predefine.
extension HTTPField.Name {
    static let xContentTypeOptions = Self("X-Content-Type-Options")!
    static let referrerPolicy = Self("Referrer-Policy")!
    static let xForwardedProto = Self("X-Forwarded-Proto")!
    static let forwarded = Self("Forwarded")!
    static let secFetchSite = Self("Sec-Fetch-Site")!
}
