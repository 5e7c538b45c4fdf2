/// Exact order statistics (the k-th smallest value) of streamed columns in bounded memory, by
/// histogram refinement: each pass counts, per requested (column, rank), the values of the
/// current candidate range [low, high] in 2,048 buckets (with each bucket's min and max). The
/// rank then falls in one bucket: if that bucket holds one distinct value, or few enough to
/// keep, the statistic is known after at most one more pass; otherwise the range narrows to
/// that bucket's [min, max] and the next pass refines it. Memory: O(requests × buckets).
struct OrderStatistics {
    static let bucketCount = 2_048
    static let collectLimit = 4_096

    struct Request {
        var column: Int
        /// 0-based rank among the column's finite values.
        var rank: Int
        /// Values in [low, high] are the candidates.
        var low: Double
        var high: Double
        /// Collect the candidates themselves on the next pass (few enough).
        var collect = false
        var value: Double?
    }

    private(set) var requests: [Request] = []

    mutating func request(column: Int, rank: Int, low: Double, high: Double) {
        guard !requests.contains(where: { $0.column == column && $0.rank == rank }) else { return }
        let value: Double? = low == high ? low : nil
        requests.append(Request(column: column, rank: rank, low: low, high: high, value: value))
    }

    var isResolved: Bool { requests.allSatisfy { $0.value != nil } }

    func value(column: Int, rank: Int) -> Double {
        requests.first { $0.column == column && $0.rank == rank }!.value!
    }

    /// Resolves every open request from `rows` held in memory (a point's metric values, row by
    /// row): each requested column's finite values sorted once, the rank read off. The same
    /// values as the passes find, without their O(requests × buckets) counters.
    mutating func resolve(from rows: [(replication: Int, values: [Double?])]) {
        var sortedColumns: [Int: [Double]] = [:]
        for index in requests.indices where requests[index].value == nil {
            let column = requests[index].column
            if sortedColumns[column] == nil {
                sortedColumns[column] = rows.compactMap { row in row.values[column].flatMap { $0.isFinite ? $0 : nil } }.sorted()
            }
            requests[index].value = sortedColumns[column]![requests[index].rank]
        }
    }

    /// One pass's counters for the unresolved requests.
    struct Pass {
        var open: [Int]
        var counts: [[Int]]
        var minima: [[Double]]
        var maxima: [[Double]]
        var collected: [[Double]]
        var belowCounts: [Int]
        let requests: [Request]

        mutating func add(_ values: [Double?]) {
            for (slot, index) in open.enumerated() {
                let request = requests[index]
                guard let value = values[request.column], value.isFinite else { continue }
                if value < request.low { belowCounts[slot] += 1; continue }
                guard value <= request.high else { continue }
                if request.collect {
                    collected[slot].append(value)
                    continue
                }
                let bucket = OrderStatistics.bucket(value, low: request.low, high: request.high)
                counts[slot][bucket] += 1
                minima[slot][bucket] = min(minima[slot][bucket], value)
                maxima[slot][bucket] = max(maxima[slot][bucket], value)
            }
        }
    }

    static func bucket(_ value: Double, low: Double, high: Double) -> Int {
        let position = (value - low) / (high - low) * Double(bucketCount)
        return min(bucketCount - 1, max(0, Int(position)))
    }

    func startPass() -> Pass {
        let open = requests.indices.filter { requests[$0].value == nil }
        return Pass(open: open,
                    counts: open.map { requests[$0].collect ? [] : [Int](repeating: 0, count: Self.bucketCount) },
                    minima: open.map { requests[$0].collect ? [] : [Double](repeating: .infinity, count: Self.bucketCount) },
                    maxima: open.map { requests[$0].collect ? [] : [Double](repeating: -.infinity, count: Self.bucketCount) },
                    collected: open.map { _ in [] }, belowCounts: open.map { _ in 0 }, requests: requests)
    }

    /// Narrows or resolves every open request from a finished pass.
    mutating func finish(_ pass: Pass) {
        for (slot, index) in pass.open.enumerated() {
            var request = requests[index]
            let offset = request.rank - pass.belowCounts[slot]
            if request.collect {
                let sorted = pass.collected[slot].sorted()
                request.value = sorted[offset]
            } else {
                var cumulative = 0
                for bucket in 0..<Self.bucketCount {
                    let count = pass.counts[slot][bucket]
                    if offset < cumulative + count {
                        let low = pass.minima[slot][bucket], high = pass.maxima[slot][bucket]
                        if low == high {
                            request.value = low
                        } else {
                            request.low = low
                            request.high = high
                            request.collect = count <= Self.collectLimit
                        }
                        break
                    }
                    cumulative += count
                }
            }
            requests[index] = request
        }
    }
}
