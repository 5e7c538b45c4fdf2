import Foundation

/// The CSV format of `advsim price`: streams option rows through the batch kernel.
///
/// Input: a header naming columns in any order — `type` (`call`/`put`/`c`/`p`), `S`, `K`,
/// `T`, `r`, `sigma` (or `price` in implied-vol mode), optional `q` (default 0) and `model`
/// (`bs` or `black76`, default `bs`). Cells are plain (no quoting).
/// Output: the input cells as given, then `price,delta,gamma,vega,theta,rho` (or, in
/// implied-vol mode, `sigma,reason`), doubles in shortest round-trip form.
public enum PricingCSV {
    /// What to compute.
    public enum Mode: Sendable {
        /// Price and Greeks from `sigma`.
        case price
        /// Implied volatility from `price`.
        case impliedVolatility
    }

    /// A bad input row: `source:row: message`, where `row` is the 1-based line number.
    public struct InputError: Error, CustomStringConvertible, Sendable {
        /// The input's name (a path, or `-` for standard input).
        public var source: String
        /// 1-based line number (the header is line 1).
        public var row: Int
        /// What is wrong.
        public var message: String
        /// `source:row: message`.
        public var description: String { "\(source):\(row): \(message)" }
    }

    /// Rows per batch-kernel call; memory stays flat in the number of rows.
    public static let chunkRows = 4096

    /// Reads every line from `nextLine` (without line terminators), writes output lines
    /// (each ending in `\n`) through `write`. Throws `InputError` at the first bad row;
    /// rows of earlier chunks may already have been written. Complexity: O(rows).
    public static func process(
        source: String, mode: Mode = .price,
        nextLine: () throws -> String?, write: (String) throws -> Void
    ) throws {
        guard let firstLine = try nextLine() else {
            throw InputError(source: source, row: 1, message: "empty input: a header line is required")
        }
        // A byte-order mark (spreadsheets write one) is not part of the first column's name.
        let headerLine = firstLine.hasPrefix("\u{FEFF}") ? String(firstLine.dropFirst()) : firstLine
        let layout = try Layout(header: headerLine, mode: mode, source: source)
        try write(layout.outputHeader + "\n")

        var batch = OptionBatch()
        var targets: [Double] = []
        var cellsOfRows: [String] = []
        var output = ValuationBatch()
        var lineNumber = 1

        func flush() throws {
            guard batch.count > 0 else { return }
            var text = ""
            switch mode {
            case .price:
                BlackScholes.value(batch, into: &output)
                for index in 0..<batch.count {
                    let v = output[index]
                    text += "\(cellsOfRows[index]),\(v.price),\(v.delta),\(v.gamma),\(v.vega),\(v.theta),\(v.rho)\n"
                }
            case .impliedVolatility:
                let (vols, failures) = ImpliedVolatility.solve(prices: targets, for: batch)
                for index in 0..<batch.count {
                    text += "\(cellsOfRows[index]),\(vols[index]),\(failures[index]?.rawValue ?? "")\n"
                }
            }
            try write(text)
            batch.removeAll()
            targets.removeAll(keepingCapacity: true)
            cellsOfRows.removeAll(keepingCapacity: true)
        }

        while let line = try nextLine() {
            lineNumber += 1
            if line.allSatisfy(\.isWhitespace) { continue }
            let (option, target) = try layout.parse(line, row: lineNumber)
            batch.append(option)
            targets.append(target)
            cellsOfRows.append(line)
            if batch.count == chunkRows { try flush() }
        }
        try flush()
    }
}

/// Column positions found in the header.
private struct Layout {
    let source: String
    let mode: PricingCSV.Mode
    let width: Int
    let outputHeader: String
    let type: Int, spot: Int, strike: Int, expiry: Int, rate: Int, value: Int
    let dividend: Int?, model: Int?

    init(header: String, mode: PricingCSV.Mode, source: String) throws {
        self.source = source
        self.mode = mode
        let names = header.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingWhitespace() }
        let valueColumn = mode == .price ? "sigma" : "price"
        let known = ["type", "S", "K", "T", "r", valueColumn, "q", "model"]
        var positions: [String: Int] = [:]
        for (index, name) in names.enumerated() {
            guard let canonical = known.first(where: { $0 == name }) ?? known.first(where: { $0.lowercased() == name.lowercased() && $0.count > 1 }) else {
                let hint = known.min { editDistance($0, name) < editDistance($1, name) }
                    .map { editDistance($0, name) <= 2 ? " (did you mean '\($0)'?)" : "" } ?? ""
                throw PricingCSV.InputError(source: source, row: 1, message: "unknown column '\(name)'\(hint); expected \(known.joined(separator: ","))")
            }
            guard positions[canonical] == nil else {
                throw PricingCSV.InputError(source: source, row: 1, message: "duplicate column '\(canonical)'")
            }
            positions[canonical] = index
        }
        for required in known.prefix(6) where positions[required] == nil {
            throw PricingCSV.InputError(source: source, row: 1, message: "missing column '\(required)'")
        }
        width = names.count
        type = positions["type"]!
        spot = positions["S"]!
        strike = positions["K"]!
        expiry = positions["T"]!
        rate = positions["r"]!
        value = positions[valueColumn]!
        dividend = positions["q"]
        model = positions["model"]
        let added = mode == .price ? "price,delta,gamma,vega,theta,rho" : "sigma,reason"
        outputHeader = names.joined(separator: ",") + "," + added
    }

    /// The option on `line` and its sigma (price mode) or price (implied-vol mode).
    func parse(_ line: String, row: Int) throws -> (OptionParameters, Double) {
        let cells = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingWhitespace() }
        func fail(_ message: String) -> PricingCSV.InputError {
            PricingCSV.InputError(source: source, row: row, message: message)
        }
        guard cells.count == width else { throw fail("expected \(width) cells, found \(cells.count)") }
        func number(_ index: Int, _ name: String) throws -> Double {
            guard let x = Double(cells[index]), x.isFinite else {
                throw fail("\(name) must be a finite number, got '\(cells[index])'")
            }
            return x
        }
        let kind: OptionKind
        switch cells[type].lowercased() {
        case "call", "c": kind = .call
        case "put", "p": kind = .put
        default: throw fail("type must be call or put, got '\(cells[type])'")
        }
        var pricingModel = PricingModel.blackScholes
        if let model {
            guard let parsed = PricingModel(rawValue: cells[model].lowercased()) else {
                throw fail("model must be bs or black76, got '\(cells[model])'")
            }
            pricingModel = parsed
        }
        let s = try number(spot, "S"), k = try number(strike, "K"), t = try number(expiry, "T")
        let r = try number(rate, "r")
        let q = try dividend.map { try number($0, "q") } ?? 0
        let target = try number(value, mode == .price ? "sigma" : "price")
        guard s > 0 else { throw fail("S must be > 0, got \(s)") }
        guard k > 0 else { throw fail("K must be > 0, got \(k)") }
        guard t >= 0 else { throw fail("T must be >= 0, got \(t)") }
        guard target >= 0 else { throw fail("\(mode == .price ? "sigma" : "price") must be >= 0, got \(target)") }
        // The kernels form ln(S/K), e^{−rT}, e^{−qT} and the two discounted legs as doubles: past
        // the double range they give NaN or a wrong finite number (S 1e300, K 1e-300 priced at S/2).
        guard (s / k).isFinite, (k / s).isFinite else {
            throw fail("S/K = \(s)/\(k) is beyond the double range (1e-308 to 1e308)")
        }
        // K > 0 and S > 0: a discount factor past the range makes its leg infinite too.
        let carry = pricingModel == .black76 ? r : q
        guard (k * exp(-r * t)).isFinite else {
            throw fail("K·e^(−r·T) is beyond the double range (r·T = \(r * t); r·T ≥ −709 and K·e^(−r·T) < 1.8e308 are needed)")
        }
        guard (s * exp(-carry * t)).isFinite else {
            let name = pricingModel == .black76 ? "r" : "q"
            throw fail("S·e^(−\(name)·T) is beyond the double range (\(name)·T = \(carry * t); \(name)·T ≥ −709 and S·e^(−\(name)·T) < 1.8e308 are needed)")
        }
        let option = OptionParameters(
            kind: kind, model: pricingModel, spot: s, strike: k, expiry: t, rate: r, dividend: q,
            volatility: mode == .price ? target : 0
        )
        return (option, target)
    }
}

/// Levenshtein distance, for did-you-mean hints on column names.
private func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a.lowercased()), b = Array(b.lowercased())
    var previous = Array(0...b.count)
    for i in 1...max(a.count, 1) where !a.isEmpty {
        var current = [i] + [Int](repeating: 0, count: b.count)
        for j in stride(from: 1, through: b.count, by: 1) {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        previous = current
    }
    return a.isEmpty ? b.count : previous[b.count]
}

private extension Substring {
    /// The text without leading and trailing whitespace (spaces, tabs, carriage returns, …).
    func trimmingWhitespace() -> String {
        // Fast path: both ends are printable ASCII other than space, so nothing to trim (a
        // non-ASCII byte could start Unicode whitespace and takes the general path).
        if let first = utf8.first, let last = utf8.last, (0x21...0x7E).contains(first), (0x21...0x7E).contains(last) {
            return String(self)
        }
        return String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}
