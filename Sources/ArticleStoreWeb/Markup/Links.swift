import ArticleStore
import Foundation

/// The web view's addresses, built in one place so that every value in a
/// path or query is percent-encoded.
enum Links {
    static func article(_ number: Int) -> String { "/articles/\(number)" }
    static func version(_ id: ObjectID) -> String { "/versions/\(id.short)" }
    static func diff(_ from: ObjectID, _ to: ObjectID) -> String { "/diff/\(from.short)/\(to.short)" }
    static func articleFeed(_ number: Int) -> String { "/articles/\(number)/changes.atom" }

    /// `path?name=value&...`, leaving out nil values.
    static func query(_ path: String, _ items: [(String, String?)]) -> String {
        let pairs = items.compactMap { name, value in value.map { "\(encode(name))=\(encode($0))" } }
        return pairs.isEmpty ? path : path + "?" + pairs.joined(separator: "&")
    }

    /// Percent-encodes everything but the unreserved characters of RFC 3986.
    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics.intersection(
            CharacterSet(charactersIn: Unicode.Scalar(0)..<Unicode.Scalar(128)))
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }

    /// `url` if it is an absolute http or https URL that may be linked to;
    /// nil for anything else (`javascript:`, `data:`, relative paths).
    static func external(_ url: String?) -> String? {
        guard let url, let parsed = URLComponents(string: url), let scheme = parsed.scheme?.lowercased(),
            scheme == "http" || scheme == "https", parsed.host?.isEmpty == false
        else { return nil }
        return url
    }
}
