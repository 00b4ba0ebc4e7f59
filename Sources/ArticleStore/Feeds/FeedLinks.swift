import Foundation

/// Cleaning and resolving the links feeds give for their items.
public enum FeedLinks {
    /// Query parameters that only track where a reader came from. Names
    /// starting with `utm_` are removed too.
    public static let trackingParameters: Set<String> = [
        "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "mc_cid", "mc_eid", "igshid",
        "ref", "ref_src", "ref_url", "_hsenc", "_hsmi", "mkt_tok", "oly_anon_id", "oly_enc_id", "vero_id",
    ]

    /// `link` without tracking query parameters. Everything else, including
    /// the order of the remaining parameters and the fragment, is kept as written.
    public static func removingTracking(_ link: String) -> String {
        let hashIndex = link.firstIndex(of: "#") ?? link.endIndex
        let fragment = link[hashIndex...]
        let beforeFragment = link[..<hashIndex]
        guard let question = beforeFragment.firstIndex(of: "?") else { return link }
        let kept = beforeFragment[beforeFragment.index(after: question)...]
            .split(separator: "&", omittingEmptySubsequences: true)
            .filter { parameter in
                let name = (parameter.split(separator: "=", maxSplits: 1).first ?? "").lowercased()
                let decoded = name.removingPercentEncoding ?? name
                return !(decoded.hasPrefix("utm_") || trackingParameters.contains(decoded))
            }
        let path = beforeFragment[..<question]
        return path + (kept.isEmpty ? "" : "?" + kept.joined(separator: "&")) + fragment
    }

    /// `link` made absolute against `base` when it is relative and a base is known.
    static func resolve(_ link: String, against base: String?) -> String {
        let trimmed = link.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let base, !hasScheme(trimmed), let baseURL = URL(string: base), hasScheme(base),
            let resolved = URL(string: trimmed, relativeTo: baseURL)
        else { return trimmed }
        return resolved.absoluteString
    }

    /// True when `link` starts with `scheme:`.
    static func hasScheme(_ link: String) -> Bool {
        guard let colon = link.firstIndex(of: ":"), colon > link.startIndex else { return false }
        let scheme = link[..<colon]
        return scheme.first!.isLetter && scheme.allSatisfy { $0.isLetter || $0.isNumber || "+-.".contains($0) }
    }
}
