#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Converts text in the multi-byte encodings of much of the world's news
/// (Shift_JIS, EUC-JP, ISO-2022-JP, EUC-KR, GB2312, GBK, GB18030, Big5,
/// KOI8-R and the rest) to UTF-8 through the system's iconv, glibc's on
/// Linux. Its conversion tables are maintained with the C library; the
/// single-byte encodings the store also reads for files stay in ``Transcoder``.
enum Iconv {
    enum Failure: Error, Equatable {
        /// The system's converter does not know the encoding.
        case unknownEncoding
        /// The bytes at `offset` are not valid in the encoding.
        case invalidBytes(offset: Int)
        /// The text ends inside a multi-byte character that starts at `offset`.
        case truncated(offset: Int)
    }

    /// `bytes` in encoding `name`, as UTF-8.
    static func toUTF8(_ bytes: [UInt8], from name: String) -> Result<[UInt8], Failure> {
        // Names only: a `//TRANSLIT` or `//IGNORE` suffix would make iconv guess or drop bytes.
        guard !name.isEmpty, !name.contains("/"), name.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            return .failure(.unknownEncoding)
        }
        let converter = iconv_open("UTF-8", name)
        guard let converter, converter != iconv_t(bitPattern: -1) else { return .failure(.unknownEncoding) }
        defer { iconv_close(converter) }
        var output = [UInt8](repeating: 0, count: max(64, bytes.count * 2))
        var written = 0
        var input = bytes
        return input.withUnsafeMutableBufferPointer { inputBuffer -> Result<[UInt8], Failure> in
            var inPointer = inputBuffer.baseAddress.map {
                UnsafeMutableRawPointer($0).assumingMemoryBound(to: CChar.self)
            }
            var inLeft = inputBuffer.count
            while true {
                let (result, code): (Int, Int32) = output.withUnsafeMutableBufferPointer { outputBuffer in
                    var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(
                        outputBuffer.baseAddress! + written
                    ).assumingMemoryBound(to: CChar.self)
                    var outLeft = outputBuffer.count - written
                    // A nil input pointer flushes a stateful encoding's shift sequence.
                    let result =
                        inLeft == 0
                        ? iconv(converter, nil, nil, &outPointer, &outLeft)
                        : iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
                    written = outputBuffer.count - outLeft
                    return (result, result == -1 ? errno : 0)
                }
                if result != -1 {
                    if inLeft == 0 { break }
                    continue
                }
                switch code {
                case E2BIG: output += [UInt8](repeating: 0, count: output.count)
                case EILSEQ: return .failure(.invalidBytes(offset: bytes.count - inLeft))
                default: return .failure(.truncated(offset: bytes.count - inLeft))
                }
            }
            return .success(Array(output[..<written]))
        }
    }
}
