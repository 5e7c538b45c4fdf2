/// The plan as one text, for manifest.json's `plan_sha256`, streamed: a sweep of 10^7 points has
/// a text of hundreds of megabytes, which is never held whole.
extension SweepPlan {
    /// Hands `body` the plan's text in pieces of about 64 KiB: the key paths joined by unit
    /// separators (U+001F), then each point's values joined by unit separators, a newline before
    /// each point. (The text `batch` has hashed since manifest.json has had `plan_sha256`: a
    /// folder's `--resume` depends on it staying byte for byte the same.)
    ///
    /// - Complexity: O(points × axes) time, O(Σ grid axis lengths) memory.
    func forEachTextPiece(_ body: (UnsafeRawBufferPointer) -> Void) {
        let capacity = 1 << 16
        var buffer: [UInt8] = Array((keyPaths.joined(separator: "\u{1F}") + "\n").utf8)
        buffer.reserveCapacity(capacity + 4_096)
        switch layout {
        case .grid(let values, _):
            writeGrid(values, emptying: &buffer, every: capacity, body)
        case .sampled:
            for point in 0..<count {
                if point > 0 { buffer.append(0x0A) }
                buffer.append(contentsOf: values(ofPoint: point).joined(separator: "\u{1F}").utf8)
                if buffer.count >= capacity {
                    buffer.withUnsafeBytes(body)
                    buffer.removeAll(keepingCapacity: true)
                }
            }
        }
        buffer.withUnsafeBytes(body)
    }

    /// The points of a grid with axes `values`, after the text in `buffer`, handed to `body` in
    /// pieces of `capacity` bytes or more.
    // NOTE: bytes copied between raw pointers, each value's bytes found by the point's digits (an
    // odometer, the last axis fastest): hashing a 10,000 × 1,000 grid took 10.1 s in a debug
    // build with `Array.append(contentsOf:)` of each value's slice, 4.9 s as written (the text
    // itself ≈ 0.5 s of it).
    private func writeGrid(_ values: [[String]], emptying buffer: inout [UInt8], every capacity: Int,
                           _ body: (UnsafeRawBufferPointer) -> Void) {
        // All values' bytes in one array; value v of axis a spans starts[first[a] + v]..<starts[first[a] + v + 1].
        var bytes: [UInt8] = [], starts: [Int] = [], first: [Int] = []
        for axis in values {
            first.append(starts.count)
            for value in axis {
                starts.append(bytes.count)
                bytes.append(contentsOf: value.utf8)
            }
        }
        starts.append(bytes.count)
        let longest = values.reduce(1) { $0 + 1 + ($1.map(\.utf8.count).max() ?? 0) }
        let size = max(capacity, buffer.count) + longest
        let piece = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 1)
        defer { piece.deallocate() }
        var used = buffer.count
        buffer.withUnsafeBytes { piece.baseAddress!.copyMemory(from: $0.baseAddress!, byteCount: used) }
        buffer.removeAll()
        let out = piece.baseAddress!.assumingMemoryBound(to: UInt8.self)
        var digits = [Int](repeating: 0, count: values.count)
        let lengths = values.map(\.count)
        bytes.withUnsafeBufferPointer { bytes in
            starts.withUnsafeBufferPointer { starts in
                let source = bytes.baseAddress!, starts = starts.baseAddress!
                for point in 0..<count {
                    if point > 0 { out[used] = 0x0A; used += 1 }
                    var axis = 0
                    while axis < digits.count {
                        if axis > 0 { out[used] = 0x1F; used += 1 }
                        let index = first[axis] + digits[axis]
                        let start = starts[index], length = starts[index + 1] - start
                        (out + used).update(from: source + start, count: length)
                        used += length
                        axis += 1
                    }
                    axis = digits.count - 1
                    while axis >= 0 {
                        digits[axis] += 1
                        if digits[axis] < lengths[axis] { break }
                        digits[axis] = 0
                        axis -= 1
                    }
                    if used >= capacity {
                        body(UnsafeRawBufferPointer(start: piece.baseAddress, count: used))
                        used = 0
                    }
                }
            }
        }
        buffer.append(contentsOf: UnsafeRawBufferPointer(start: piece.baseAddress, count: used))
    }
}
