public import Hummingbird
import NIOCore

/// The request context: Hummingbird's core storage plus the connected client's address.
public struct SurveyRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The peer's IP address as text; nil in in-process tests.
    public let peerAddress: String?

    public init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
        peerAddress = source.channel.remoteAddress?.ipAddress
    }

    /// Forms are small; anything bigger is refused before it is read.
    public var maxUploadSize: Int { 256 * 1024 }
}
