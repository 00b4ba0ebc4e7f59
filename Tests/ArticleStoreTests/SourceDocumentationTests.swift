import Foundation
import Testing

/// Every public declaration of the library modules has a documentation comment.
@Suite("Documentation of the public API")
struct SourceDocumentationTests {
    @Test func everyPublicDeclarationIsDocumented() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        var missing: [String] = []
        var checked = 0
        for module in ["ArticleStore", "ArticleStoreServer", "ArticleStoreHTTP", "ArticleStorePostgres"] {
            let folder = root.appendingPathComponent("Sources/\(module)")
            let files =
                FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)?
                .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" } ?? []
            for file in files {
                let lines = try String(contentsOf: file, encoding: .utf8).components(separatedBy: "\n")
                for (index, line) in lines.enumerated() {
                    let trimmed = line.trimmingCharacters(in: .whitespaces)
                    guard trimmed.hasPrefix("public "), !trimmed.hasPrefix("public extension") else { continue }
                    checked += 1
                    // The comment sits above the declaration and its attributes.
                    var above = index - 1
                    while above >= 0, lines[above].trimmingCharacters(in: .whitespaces).hasPrefix("@") { above -= 1 }
                    if above < 0 || !lines[above].trimmingCharacters(in: .whitespaces).hasPrefix("///") {
                        missing.append("\(module)/\(file.lastPathComponent):\(index + 1): \(trimmed.prefix(80))")
                    }
                }
            }
        }
        #expect(checked > 300, "the sources were found (\(checked) declarations)")
        #expect(missing.isEmpty, "undocumented:\n\(missing.joined(separator: "\n"))")
    }
}
