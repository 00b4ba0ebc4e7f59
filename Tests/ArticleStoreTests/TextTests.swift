import Foundation
import Testing

@testable import ArticleStore

@Suite("Text validation and transcoding")
struct TextTests {
    func decode(_ bytes: [UInt8], _ encoding: TextEncoding = .utf8, limit: Int = 1 << 20) throws -> ArticleText {
        try ArticleText.decode(bytes, encoding: encoding, sizeLimit: limit, subject: "a.txt")
    }

    func reason(_ bytes: [UInt8], limit: Int = 1 << 20) -> String? {
        do {
            _ = try decode(bytes, limit: limit)
            return nil
        } catch let error as StoreError {
            #expect(error.code == .invalidArticle)
            #expect(error.subject == "a.txt")
            return error.message
        } catch {
            return "\(error)"
        }
    }

    @Test func acceptsAnArticle() throws {
        let text = try decode(Array("  Title here \n\nBody.\n".utf8))
        #expect(text.title == "Title here")
        #expect(text.encoding == "utf-8")
        #expect(ArticleText.body(of: text.bytes) == "Body.\n")
    }

    @Test func reportsTheOffsetOfInvalidUTF8() {
        #expect(reason(Array("Title\n\nab".utf8) + [0xC3, 0x28]) == "invalid UTF-8 at byte 9")
        #expect(reason(Array("Title\n\n".utf8) + [0xED, 0xA0, 0x80]) == "invalid UTF-8 at byte 7")  // a surrogate
        #expect(reason(Array("Title".utf8) + [0xE2, 0x82]) == "invalid UTF-8 at byte 5")  // truncated
        #expect(reason([0xEF, 0xBB, 0xBF] + Array("T\n".utf8) + [0xFF]) == "invalid UTF-8 at byte 5")
    }

    @Test func rejectsBadInput() {
        #expect(reason([]) == "file is empty")
        #expect(reason(Array(" \n\n\t\n".utf8)) == "file holds only whitespace")
        #expect(reason(Array("\n\nBody without a title\n".utf8)) == "no title: the first line is blank")
        #expect(reason(Array("Title\n\nA\u{0}B".utf8)) == "NUL byte at byte 8")
        #expect(
            reason(Array("Title\n\nlong body".utf8), limit: 10) == "file is 16 bytes, over the size limit of 10 bytes")
    }

    @Test func stripsAndRecordsAByteOrderMark() throws {
        let text = try decode([0xEF, 0xBB, 0xBF] + Array("Title\n\nBody\n".utf8))
        #expect(text.bytes == Array("Title\n\nBody\n".utf8))
        #expect(text.encoding == "utf-8+bom")
    }

    @Test func transcodesLegacyEncodings() throws {
        let latin = try decode(Array("Caf".utf8) + [0xE9] + Array("\n\nx".utf8), .latin1)
        #expect(latin.title == "Café")
        #expect(latin.encoding == "latin1")
        let windows = try decode([0x93] + Array("Quoted".utf8) + [0x94, 0x20, 0x80, 0x0A], .windows1252)
        #expect(windows.title == "\u{201C}Quoted\u{201D} €")
        #expect(windows.encoding == "windows-1252")
        #expect(TextEncoding(named: "CP1252") == .windows1252)
        #expect(TextEncoding(named: "ebcdic") == nil)
    }

    @Test func utf8CheckAgreesWithTheStandardLibrary() {
        var state: UInt64 = 42
        for _ in 0..<2000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int(state % 24) {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                let pick = UInt8(truncatingIfNeeded: state >> 33)
                bytes.append(state % 3 == 0 ? pick : pick & 0x7F)
            }
            let valid = String(validating: bytes, as: UTF8.self) != nil
            let mine = bytes.withUnsafeBufferPointer { UTF8Check.firstInvalidByte($0) } == nil
            #expect(valid == mine, "bytes \(bytes)")
        }
    }
}
