import CZstd
import Dispatch
import Foundation

/// zstd for stored score payloads. Explanations repeat the same indicator names and rules in every institution:
/// 10 000 of them are 828 MB of JSON, which level 1 shrinks about ten times at about 1 GB/s per core, where zlib
/// managed 300 MB/s (docs/BENCHMARKS.md, session 4). A batch's first payload is compressed alone and serves the
/// others as their dictionary (raw content: zstd finds their common text there), which about halves what is stored
/// and is faster still (session 5).
enum PayloadCompression {
    /// The value of `score_result.payload_encoding` for payloads written here.
    static let encoding = "zstd"
    static let level: Int32 = 1

    /// Compresses every payload, spread over the cores, one compression context per stripe: the first alone, each
    /// of the others with the first one's bytes as its dictionary (`referencesFirst`; without it, each alone).
    static func compress(_ payloads: [[UInt8]], referencesFirst: Bool = true) -> [[UInt8]] {
        let stripes = min(max(ProcessInfo.processInfo.activeProcessorCount, 1), max(payloads.count, 1))
        // Digested once for the batch; a CDict is read-only, so every stripe may use it at once.
        let dictionary = referencesFirst && payloads.count > 1
            ? payloads[0].withUnsafeBytes { ZSTD_createCDict($0.baseAddress, $0.count, level) } : nil
        defer { ZSTD_freeCDict(dictionary) }
        var results = [[UInt8]](repeating: [], count: payloads.count)
        results.withUnsafeMutableBufferPointer { slots in
            nonisolated(unsafe) let slots = slots
            nonisolated(unsafe) let dictionary = dictionary
            DispatchQueue.concurrentPerform(iterations: stripes) { stripe in
                let context = ZSTD_createCCtx()
                defer { ZSTD_freeCCtx(context) }
                for index in stride(from: stripe, to: payloads.count, by: stripes) {
                    slots[index] = compress(payloads[index], context: context, dictionary: index == 0 ? nil : dictionary)
                }
            }
        }
        return results
    }

    private static func compress(_ payload: [UInt8], context: OpaquePointer?, dictionary: OpaquePointer?) -> [UInt8] {
        let bound = ZSTD_compressBound(payload.count)
        return [UInt8](unsafeUninitializedCapacity: bound) { buffer, count in
            let written = payload.withUnsafeBytes { source in
                if let dictionary {
                    ZSTD_compress_usingCDict(context, buffer.baseAddress, bound, source.baseAddress, source.count, dictionary)
                } else {
                    ZSTD_compressCCtx(context, buffer.baseAddress, bound, source.baseAddress, source.count, level)
                }
            }
            // Compression into a buffer of `ZSTD_compressBound` bytes cannot run out of room; anything else is a bug.
            precondition(ZSTD_isError(written) == 0, "zstd: \(String(cString: ZSTD_getErrorName(written)))")
            count = written
        }
    }

    /// One zstd frame made from pieces as they come: an approved version's text, close to a gigabyte for 10 000
    /// institutions, is never whole in memory, only its compressed frame. The long window (8 MiB) reaches back over
    /// dozens of institutions' explanations, which repeat each other's text.
    final class Stream {
        private let context = ZSTD_createCCtx()
        private(set) var frame: [UInt8] = []

        /// `size`: the whole text's byte count, written into the frame so that `decompress` can size its buffer.
        init(size: Int) {
            ZSTD_CCtx_setParameter(context, ZSTD_c_compressionLevel, PayloadCompression.level)
            ZSTD_CCtx_setParameter(context, ZSTD_c_windowLog, 23)
            ZSTD_CCtx_setPledgedSrcSize(context, UInt64(size))
        }

        /// Compresses `piece`; `end` closes the frame (after the last piece, or with an empty one).
        func add(_ piece: UnsafeRawBufferPointer, end: Bool = false) throws {
            var input = ZSTD_inBuffer(src: piece.baseAddress, size: piece.count, pos: 0)
            var chunk = [UInt8](repeating: 0, count: ZSTD_CStreamOutSize())
            while true {
                let remaining = chunk.withUnsafeMutableBytes { out -> Int in
                    var output = ZSTD_outBuffer(dst: out.baseAddress, size: out.count, pos: 0)
                    let result = ZSTD_compressStream2(context, &output, &input, end ? ZSTD_e_end : ZSTD_e_continue)
                    frame.append(contentsOf: out.prefix(output.pos))
                    return result
                }
                // A size that does not match the pledged one is the caller's error, reported as zstd's.
                if ZSTD_isError(remaining) != 0 { throw CompressionError(message: String(cString: ZSTD_getErrorName(remaining))) }
                if end ? remaining == 0 : input.pos == input.size { return }
            }
        }

        deinit { ZSTD_freeCCtx(context) }
    }

    struct CompressionError: Error { let message: String }

    /// The original bytes, or nil when `stored` is not one whole zstd frame of known size (or needs a dictionary
    /// other than `dictionary`, the bytes of the payload it was compressed against).
    static func decompress(_ stored: [UInt8], dictionary: [UInt8]? = nil) -> [UInt8]? {
        stored.withUnsafeBytes { source -> [UInt8]? in
            let size = ZSTD_getFrameContentSize(source.baseAddress, source.count)
            // ZSTD_CONTENTSIZE_UNKNOWN and ZSTD_CONTENTSIZE_ERROR are the two largest values.
            guard size < UInt64.max - 1, size <= UInt64(Int.max) else { return nil }
            var failed = false
            let bytes = [UInt8](unsafeUninitializedCapacity: Int(size)) { buffer, count in
                let written: Int
                if let dictionary {
                    let context = ZSTD_createDCtx()
                    defer { ZSTD_freeDCtx(context) }
                    written = dictionary.withUnsafeBytes {
                        ZSTD_decompress_usingDict(context, buffer.baseAddress, Int(size), source.baseAddress, source.count,
                                                  $0.baseAddress, $0.count)
                    }
                } else {
                    written = ZSTD_decompress(buffer.baseAddress, Int(size), source.baseAddress, source.count)
                }
                failed = ZSTD_isError(written) != 0 || written != Int(size)
                count = failed ? 0 : written
            }
            return failed ? nil : bytes
        }
    }
}
