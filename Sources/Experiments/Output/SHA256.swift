/// SHA-256 (FIPS 180-4), for the scenario file hash in manifest.json.
///
/// Written by hand because Foundation on Linux has no digest API and swift-crypto would double
/// the build time for one hash of a small file; tested against the FIPS 180-4 example vectors.
public enum SHA256 {
    /// The lowercase hex digest of `bytes`.
    public static func hex<Bytes: Collection>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        hexText(digest(Array(bytes)))
    }

    /// `digest` as lowercase hex.
    static func hexText(_ digest: [UInt8]) -> String {
        digest.map { byte in
            let text = String(byte, radix: 16)
            return byte < 16 ? "0" + text : text
        }.joined()
    }

    /// The 32-byte digest of `message`.
    public static func digest(_ message: [UInt8]) -> [UInt8] {
        var hasher = Hasher()
        hasher.update(message)
        return hasher.finalize()
    }

    /// A digest computed over bytes given in pieces (the manifest's plan hash of a sweep too large
    /// to hold as one text): equal to ``SHA256/digest(_:)`` of their concatenation.
    public struct Hasher: Sendable {
        private var hash: [UInt32] = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]
        /// Bytes not yet compressed: fewer than 64 between calls.
        private var pending: [UInt8] = []
        private var length: UInt64 = 0

        /// A hasher that has seen no bytes.
        public init() {}

        /// Appends `bytes` to the message.
        ///
        /// - Complexity: O(`bytes.count`); memory O(1) beyond `bytes`.
        public mutating func update(_ bytes: [UInt8]) {
            bytes.withUnsafeBytes { update($0) }
        }

        /// Appends `bytes` to the message.
        ///
        /// - Complexity: O(`bytes.count`); memory O(1) beyond `bytes`.
        public mutating func update(_ bytes: UnsafeRawBufferPointer) {
            length += UInt64(bytes.count)
            var start = 0
            if !pending.isEmpty {
                start = min(64 - pending.count, bytes.count)
                pending.append(contentsOf: bytes[0..<start])
                guard pending.count == 64 else { return }
                pending.withUnsafeBytes { compress($0, blocks: 1) }
                pending.removeAll(keepingCapacity: true)
            }
            let blocks = (bytes.count - start) / 64
            compress(UnsafeRawBufferPointer(rebasing: bytes[start...]), blocks: blocks)
            pending.append(contentsOf: bytes[(start + blocks * 64)...])
        }

        /// The 32-byte digest of everything given to ``update(_:)``.
        public func finalize() -> [UInt8] {
            var copy = self
            var tail = pending
            tail.append(0x80)
            while tail.count % 64 != 56 { tail.append(0) }
            let bitLength = length * 8
            for shift in stride(from: 56, through: 0, by: -8) { tail.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift))) }
            tail.withUnsafeBytes { copy.compress($0, blocks: tail.count / 64) }
            return copy.hash.flatMap { word in [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: word >> UInt32($0)) } }
        }

        /// ``finalize()`` as lowercase hex, as ``SHA256/hex(_:)`` writes it.
        public var hexDigest: String { SHA256.hexText(finalize()) }

        /// Compresses the first `blocks` 64-byte blocks of `data` into `hash`.
        // NOTE: pointers instead of arrays, rotations written out with masking shifts (`&>>`, which
        // a debug build inlines) instead of a function and smart shifts: a sweep of 10^7 points
        // hashes ≈ 370 MB of text before its batch starts; in a debug build this took 3.05 s per
        // 37 MB with arrays, `rotr` and `>>`, ≈ 0.45 s as written.
        private mutating func compress(_ data: UnsafeRawBufferPointer, blocks: Int) {
            guard blocks > 0 else { return }
            let data = data.baseAddress!.assumingMemoryBound(to: UInt8.self)
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { buffer in
                let w = buffer.baseAddress!
                SHA256.k.withUnsafeBufferPointer { constants in
                    let k = constants.baseAddress!
                    hash.withUnsafeMutableBufferPointer { state in
                        var (a, b, c, d, e, f, g, h) = (state[0], state[1], state[2], state[3], state[4], state[5], state[6], state[7])
                        for chunk in stride(from: 0, to: blocks * 64, by: 64) {
                            for i in 0..<16 {
                                let p = chunk + 4 * i
                                w[i] = UInt32(data[p]) &<< 24 | UInt32(data[p + 1]) &<< 16 | UInt32(data[p + 2]) &<< 8 | UInt32(data[p + 3])
                            }
                            for i in 16..<64 {
                                let x = w[i - 15], y = w[i - 2]
                                let s0 = (x &>> 7 | x &<< 25) ^ (x &>> 18 | x &<< 14) ^ (x &>> 3)
                                let s1 = (y &>> 17 | y &<< 15) ^ (y &>> 19 | y &<< 13) ^ (y &>> 10)
                                w[i] = w[i - 16] &+ s0 &+ w[i - 7] &+ s1
                            }
                            let start = (a, b, c, d, e, f, g, h)
                            for i in 0..<64 {
                                let s1 = (e &>> 6 | e &<< 26) ^ (e &>> 11 | e &<< 21) ^ (e &>> 25 | e &<< 7)
                                let t1 = h &+ s1 &+ ((e & f) ^ (~e & g)) &+ k[i] &+ w[i]
                                let s0 = (a &>> 2 | a &<< 30) ^ (a &>> 13 | a &<< 19) ^ (a &>> 22 | a &<< 10)
                                let t2 = s0 &+ ((a & b) ^ (a & c) ^ (b & c))
                                h = g; g = f; f = e; e = d &+ t1; d = c; c = b; b = a; a = t1 &+ t2
                            }
                            (a, b, c, d) = (start.0 &+ a, start.1 &+ b, start.2 &+ c, start.3 &+ d)
                            (e, f, g, h) = (start.4 &+ e, start.5 &+ f, start.6 &+ g, start.7 &+ h)
                        }
                        (state[0], state[1], state[2], state[3]) = (a, b, c, d)
                        (state[4], state[5], state[6], state[7]) = (e, f, g, h)
                    }
                }
            }
        }
    }

    private static let k: [UInt32] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ]
}
