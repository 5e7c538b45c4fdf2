import Foundation

/// A recorded price path: (time in seconds from the scenario start, price) points.
///
/// Times increase strictly; between two points the price is interpolated linearly; it is held
/// flat before the first point and after the last.
public struct PriceReplay: Sendable, Equatable {
    /// Times of the points, seconds from the scenario start, strictly increasing.
    public var times: [Double]
    /// Prices at `times` (USD), finite and > 0.
    public var prices: [Double]

    /// Creates a replay, validating it: at least one point, as many prices as times, all
    /// finite, times strictly increasing, prices > 0.
    ///
    /// - Throws: ``ReferenceMarketError/invalidReplay(_:)`` naming the first bad point.
    public init(times: [Double], prices: [Double]) throws {
        guard !times.isEmpty else { throw ReferenceMarketError.invalidReplay("a replay needs at least one point") }
        guard times.count == prices.count else {
            throw ReferenceMarketError.invalidReplay("\(times.count) times but \(prices.count) prices")
        }
        for index in times.indices {
            if let reason = Self.pointFailure(
                time: times[index], price: prices[index], previousTime: index > 0 ? times[index - 1] : nil
            ) {
                throw ReferenceMarketError.invalidReplay("point \(index): \(reason)")
            }
        }
        self.times = times
        self.prices = prices
    }

    /// The reason a point is invalid, or nil when it is valid.
    static func pointFailure(time: Double, price: Double, previousTime: Double?) -> String? {
        if !time.isFinite { return "time \(time) is not finite" }
        if !price.isFinite || price <= 0 { return "price \(price) must be finite and > 0" }
        if let previousTime, !(time > previousTime) {
            return "times must increase strictly (\(time) after \(previousTime))"
        }
        return nil
    }

    /// The price at `time` seconds: linear between points, flat outside them.
    ///
    /// - Complexity: O(log n) in the number of points.
    public func price(at time: Double) -> Double {
        guard time > times[0] else { return prices[0] }
        guard time < times[times.count - 1] else { return prices[prices.count - 1] }
        // Binary search for the last point with times[low] <= time.
        var low = 0
        var high = times.count - 1
        while high - low > 1 {
            let middle = (low + high) / 2
            if times[middle] <= time { low = middle } else { high = middle }
        }
        let weight = (time - times[low]) / (times[high] - times[low])
        return prices[low] + weight * (prices[high] - prices[low])
    }
}

extension PriceReplay {
    /// Loads a CSV file with the header `time,price` (time in seconds) and one point a line.
    ///
    /// Blank lines are skipped; `\n` and `\r\n` line ends are both accepted.
    ///
    /// - Throws: ``ReferenceMarketError/replayFile(path:line:message:)``, whose description
    ///   reads `path:line: message` (line 1 is the header).
    public static func load(path: String) throws -> PriceReplay {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ReferenceMarketError.replayFile(path: path, line: nil, message: "cannot read the file: \(error.localizedDescription)")
        }
        func fail(_ line: Int, _ message: String) -> ReferenceMarketError {
            .replayFile(path: path, line: line, message: message)
        }
        var times: [Double] = []
        var prices: [Double] = []
        var sawHeader = false
        for (offset, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let lineNumber = offset + 1
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty { continue }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            if !sawHeader {
                guard fields == ["time", "price"] else {
                    throw fail(lineNumber, "expected the header `time,price`, found `\(line)`")
                }
                sawHeader = true
                continue
            }
            guard fields.count == 2 else { throw fail(lineNumber, "expected 2 fields, found \(fields.count)") }
            guard let time = Double(fields[0]) else { throw fail(lineNumber, "time `\(fields[0])` is not a number") }
            guard let price = Double(fields[1]) else { throw fail(lineNumber, "price `\(fields[1])` is not a number") }
            if let reason = pointFailure(time: time, price: price, previousTime: times.last) {
                throw fail(lineNumber, reason)
            }
            times.append(time)
            prices.append(price)
        }
        guard sawHeader else { throw ReferenceMarketError.replayFile(path: path, line: 1, message: "empty file: expected the header `time,price`") }
        guard !times.isEmpty else { throw ReferenceMarketError.replayFile(path: path, line: nil, message: "no data points after the header") }
        return try PriceReplay(times: times, prices: prices)
    }
}
