import ArticleStore
import Foundation

extension HTTPRemote {
    /// The environment variable ``token(environment:file:)`` reads.
    public static let tokenVariable = "ARTSTORE_TOKEN"

    /// The access token to use: the contents of `file` (trimmed) when a
    /// file is given, else `ARTSTORE_TOKEN` from `environment`, else nil.
    /// Throws `StoreError.Code.io` naming the file when it cannot be read,
    /// and `StoreError.Code.invalidArgument` when it holds no token.
    public static func token(
        environment: [String: String] = ProcessInfo.processInfo.environment, file: String? = nil
    ) throws -> String? {
        if let file {
            let text: String
            do {
                text = try String(contentsOfFile: file, encoding: .utf8)
            } catch {
                throw StoreError(.io, "cannot read the token file", subject: file, underlying: error)
            }
            let token = text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !token.isEmpty else { throw StoreError(.invalidArgument, "the token file is empty", subject: file) }
            return token
        }
        let token = environment[tokenVariable]?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        return token.isEmpty ? nil : token
    }
}
