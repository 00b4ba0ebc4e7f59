import Testing

@testable import ArticleStore

@Suite("Normalised fingerprints")
struct FingerprintTests {
    func same(_ a: String, _ b: String) -> Bool {
        Fingerprint.of(Array(a.utf8)) == Fingerprint.of(Array(b.utf8))
    }

    @Test func foldsWhatTheSpecSays() {
        #expect(same("Title\n\nOne two.\n", "Title\r\n\r\nOne two.\r\n"))
        #expect(same("Title\n\nOne   two.", "Title\n\nOne\ttwo.\n\n"))
        #expect(same("He said \u{201C}no\u{201D} and \u{2018}yes\u{2019}", "He said \"no\" and 'yes'"))
        #expect(same("Cafe\u{0301} news", "Caf\u{00E9} news"))  // NFD and NFC
    }

    @Test func keepsDifferentTextsApart() {
        #expect(!same("Title\n\nOne two.", "Title\n\nOne three."))
        #expect(!same("Title\n\nOne two.", "title\n\none two."))
        #expect(!same("Title\n\nOnetwo.", "Title\n\nOne two."))
    }

    @Test func trivialNFCCheckNeverSkipsNeededWork() {
        #expect(!Fingerprint.needsNFC(Array("plain ascii \u{201C}quoted\u{201D} caf\u{00E9}".utf8)))
        #expect(Fingerprint.needsNFC(Array("e\u{0301}".utf8)))
        #expect(Fingerprint.needsNFC(Array("a\u{2000}b".utf8)))
    }
}
