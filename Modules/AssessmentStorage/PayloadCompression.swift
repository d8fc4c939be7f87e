import CZstd
import Dispatch
import Foundation

/// zstd for stored score payloads. Explanations repeat the same indicator names and rules in every institution:
/// 10 000 of them are 828 MB of JSON, which level 1 shrinks about ten times at about 1 GB/s per core, where zlib
/// managed 300 MB/s (docs/BENCHMARKS.md, session 4).
enum PayloadCompression {
    /// The value of `score_result.payload_encoding` for payloads written here.
    static let encoding = "zstd"
    static let level: Int32 = 1

    /// Compresses every payload, spread over the cores, one compression context per stripe.
    static func compress(_ payloads: [[UInt8]]) -> [[UInt8]] {
        let stripes = min(max(ProcessInfo.processInfo.activeProcessorCount, 1), max(payloads.count, 1))
        var results = [[UInt8]](repeating: [], count: payloads.count)
        results.withUnsafeMutableBufferPointer { slots in
            nonisolated(unsafe) let slots = slots
            DispatchQueue.concurrentPerform(iterations: stripes) { stripe in
                let context = ZSTD_createCCtx()
                defer { ZSTD_freeCCtx(context) }
                for index in stride(from: stripe, to: payloads.count, by: stripes) {
                    slots[index] = compress(payloads[index], context: context)
                }
            }
        }
        return results
    }

    private static func compress(_ payload: [UInt8], context: OpaquePointer?) -> [UInt8] {
        let bound = ZSTD_compressBound(payload.count)
        return [UInt8](unsafeUninitializedCapacity: bound) { buffer, count in
            let written = payload.withUnsafeBytes { source in
                ZSTD_compressCCtx(context, buffer.baseAddress, bound, source.baseAddress, source.count, level)
            }
            // Compression into a buffer of `ZSTD_compressBound` bytes cannot run out of room; anything else is a bug.
            precondition(ZSTD_isError(written) == 0, "zstd: \(String(cString: ZSTD_getErrorName(written)))")
            count = written
        }
    }

    /// The original bytes, or nil when `stored` is not one whole zstd frame of known size.
    static func decompress(_ stored: [UInt8]) -> [UInt8]? {
        stored.withUnsafeBytes { source -> [UInt8]? in
            let size = ZSTD_getFrameContentSize(source.baseAddress, source.count)
            // ZSTD_CONTENTSIZE_UNKNOWN and ZSTD_CONTENTSIZE_ERROR are the two largest values.
            guard size < UInt64.max - 1, size <= UInt64(Int.max) else { return nil }
            var failed = false
            let bytes = [UInt8](unsafeUninitializedCapacity: Int(size)) { buffer, count in
                let written = ZSTD_decompress(buffer.baseAddress, Int(size), source.baseAddress, source.count)
                failed = ZSTD_isError(written) != 0 || written != Int(size)
                count = failed ? 0 : written
            }
            return failed ? nil : bytes
        }
    }
}
