import Hummingbird
import NIOCore

/// The stylesheet, script and icon, compiled into the binary so that the
/// server needs no files at run time.
enum Assets {
    static func response(_ text: String, type: String) -> Response {
        Response(
            status: .ok,
            headers: WebResponder.secured([.contentType: type, .cacheControl: "public, max-age=3600"]),
            body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    static let icon = """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#1f5fa8"/>\
        <path d="M4 4h8M4 7h8M4 10h5" stroke="#fff" stroke-width="1.5"/></svg>
        """
}
