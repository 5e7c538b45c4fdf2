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
            // Each value's bytes, all axes' in one array; a point's are found by its digits
            // (an odometer, the last axis fastest) without building its strings.
            var bytes: [UInt8] = [], ranges: [[Range<Int>]] = []
            for axis in values {
                ranges.append(axis.map { value in
                    let start = bytes.count
                    bytes.append(contentsOf: value.utf8)
                    return start..<bytes.count
                })
            }
            var digits = [Int](repeating: 0, count: values.count)
            bytes.withUnsafeBytes { bytes in
                for point in 0..<count {
                    if point > 0 { buffer.append(0x0A) }
                    for axis in digits.indices {
                        if axis > 0 { buffer.append(0x1F) }
                        buffer.append(contentsOf: bytes[ranges[axis][digits[axis]]])
                    }
                    var axis = digits.count - 1
                    while axis >= 0 {
                        digits[axis] += 1
                        if digits[axis] < ranges[axis].count { break }
                        digits[axis] = 0
                        axis -= 1
                    }
                    if buffer.count >= capacity {
                        buffer.withUnsafeBytes(body)
                        buffer.removeAll(keepingCapacity: true)
                    }
                }
            }
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
}
