import Foundation
import HTTPTypes
import Logging
import NIOCore
import NIOHTTPTypes

/// Holds one connection to the server's ``ServerLimits``: closes it when a
/// request head or the next part of a body is late, and answers 503 with
/// `Retry-After` when the server is saturated. It sits after HTTP decoding,
/// so it sees whole request heads; a head that never completes is what the
/// head timeout catches.
final class ConnectionGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let board: ConnectionBoard
    private let logger: Logger
    private var id: Int?
    private var timer: Scheduled<Void>?
    /// A request is arriving: its head came, its end has not.
    private var receiving = false
    /// Requests admitted whose responses have not ended (more than one
    /// only when a client pipelines).
    private var handling = 0
    /// The request was refused: its remaining parts are dropped.
    private var refused = false

    init(board: ConnectionBoard, logger: Logger) {
        self.board = board
        self.logger = logger
    }

    func handlerAdded(context: ChannelHandlerContext) {
        id = board.opened(context.channel)
        arm(context)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        timer?.cancel()
        if let id { board.closed(id) }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let part = unwrapInboundIn(data)
        switch part {
        case .head:
            receiving = true
            guard let id, board.started(id) else {
                refuse(context)
                arm(context)
                return
            }
            handling += 1
        case .body: break
        case .end:
            receiving = false
            settle()
        }
        arm(context)
        if !refused { context.fireChannelRead(data) }
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data), !refused {
            handling = max(0, handling - 1)
            settle()
            arm(context)
        }
        context.write(data, promise: promise)
    }

    /// Tells the board the connection waits for a new request once both
    /// the request and its response have ended (a response may end first,
    /// as a 413 or 401 does).
    private func settle() {
        if let id, !receiving, handling == 0, !refused { board.finished(id) }
    }

    /// Starts the timer the connection's state calls for: the body timeout
    /// while a request arrives, none while it is handled, else the head timeout.
    private func arm(_ context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
        let (limit, what): (Duration, String)
        if receiving {
            (limit, what) = (board.limits.bodyTimeout, "the next part of a request body")
        } else if handling > 0 {
            return
        } else {
            (limit, what) = (board.limits.headTimeout, "a whole request head")
        }
        let channel = context.channel
        let logger = logger
        timer = context.eventLoop.scheduleTask(in: TimeAmount(limit)) {
            logger.debug(
                "closed a connection that sent no \(what) in \(limit)",
                metadata: ["peer": "\(channel.remoteAddress.map { "\($0)" } ?? "?")"])
            channel.close(promise: nil)
        }
    }

    /// Answers 503 with `Retry-After`, in the JSON form of every error, and closes.
    private func refuse(_ context: ChannelHandlerContext) {
        refused = true
        let (open, busy) = board.counts
        logger.notice(
            "refused a request with 503: the server is saturated",
            metadata: ["open": "\(open)", "busy": "\(busy)"])
        let error = APIError(
            .serviceUnavailable, "unavailable", "the server is busy; retry after \(board.limits.retryAfter) s")
        let body = ByteBuffer(bytes: (try? JSONEncoder().encode(error)) ?? Data())
        var fields = HTTPFields()
        fields[.retryAfter] = String(board.limits.retryAfter)
        fields[.contentType] = "application/json"
        fields[.contentLength] = String(body.readableBytes)
        fields[.connection] = "close"
        context.write(
            wrapOutboundOut(.head(HTTPResponse(status: .serviceUnavailable, headerFields: fields))), promise: nil)
        context.write(wrapOutboundOut(.body(body)), promise: nil)
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in channel.close(promise: nil) }
    }
}
