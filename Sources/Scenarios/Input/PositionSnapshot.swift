import ProtocolModel

/// The CSV snapshot of borrower positions (`agents.borrowers.snapshot`): a header
/// `account,collateral_asset,collateral_amount,debt_asset,debt_amount`, then one row per
/// borrower. Fields are plain (no quoting; no commas inside), surrounding spaces are ignored,
/// amounts are exact decimals in whole tokens, blank lines are skipped. Every problem is an
/// ``InputError`` at `file:line:column` of the offending field.
enum PositionSnapshot {
    static let header = ["account", "collateral_asset", "collateral_amount", "debt_asset", "debt_amount"]
    /// The largest number of rows read.
    static let maxRows = 1_000_000

    /// Parses and validates a snapshot against `market` (both assets listed, the collateral
    /// counted in health, the debt borrowable and different from the collateral).
    ///
    /// - Complexity: O(file size).
    static func parse(_ text: String, file: String, market: LendingMarketSpec, references: References) throws -> [SnapshotPosition] {
        var positions: [SnapshotPosition] = []
        var seen: [String: Int] = [:]
        var sawHeader = false
        // NOTE: split on "\r\n" too: in a Swift string a CRLF is one character, not a "\n" — a
        // file saved with CRLF line ends (Excel's default) read as one long header line.
        for (offset, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
            .enumerated() {
            let lineNumber = offset + 1
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
            let fields = Self.fields(of: line)
            /// At the field's column, or just past the end of the line for a missing field.
            func error(_ message: String, field index: Int) -> InputError {
                InputError(message, at: SourceLocation(file: file, line: lineNumber,
                                                       column: index < fields.count ? fields[index].column : line.count + 1))
            }
            guard sawHeader else {
                for (index, name) in header.enumerated() where index >= fields.count || fields[index].text != name {
                    throw error("expected the header \(header.joined(separator: ",")); column \(index + 1) should be '\(name)'", field: index)
                }
                guard fields.count == header.count else { throw error("unexpected column after debt_amount", field: header.count) }
                sawHeader = true
                continue
            }
            guard fields.count == header.count else {
                throw error("expected \(header.count) fields (\(header.joined(separator: ","))), found \(fields.count)", field: min(fields.count, header.count))
            }
            guard positions.count < maxRows else { throw error("more than \(maxRows) positions", field: 0) }
            let account = fields[0].text
            guard !account.isEmpty else { throw error("empty account name", field: 0) }
            if let earlier = seen[account] { throw error("account '\(account)' already has a position on line \(earlier)", field: 0) }
            seen[account] = lineNumber
            func listed(_ index: Int) throws -> MarketAssetSpec {
                let symbol = fields[index].text
                guard references.assets.contains(symbol) else {
                    throw error("unknown asset '\(symbol)'\(Suggestion.didYouMean(symbol, in: references.assets))", field: index)
                }
                guard let asset = market.assets.first(where: { $0.symbol == symbol }) else {
                    throw error("\(symbol) is not listed in market \(market.id)", field: index)
                }
                return asset
            }
            func amount(_ index: Int, of symbol: String) throws -> UInt128 {
                let text = fields[index].text, decimals = references.decimals[symbol] ?? 18
                if let point = text.firstIndex(of: ".") {
                    let digits = text[text.index(after: point)...].reversed().drop { $0 == "0" }.count
                    guard digits <= decimals else { throw error("\(text): \(symbol) has \(decimals) decimals", field: index) }
                }
                do {
                    return try TokenUnits.parse(text, decimals: decimals)
                } catch {
                    throw InputError("\(error)", at: SourceLocation(file: file, line: lineNumber, column: fields[index].column))
                }
            }
            let collateral = try listed(1), debt = try listed(3)
            guard collateral.liquidationThreshold > 0 else {
                throw error("\(collateral.symbol) does not count as collateral in market \(market.id) (liquidation threshold 0)", field: 1)
            }
            guard debt.symbol != collateral.symbol else { throw error("the debt asset must differ from the collateral", field: 3) }
            guard debt.borrowable else { throw error("\(debt.symbol) is not borrowable in market \(market.id)", field: 3) }
            let collateralAmount = try amount(2, of: collateral.symbol), debtAmount = try amount(4, of: debt.symbol)
            guard collateralAmount > 0 || debtAmount == 0 else { throw error("a position with debt needs collateral", field: 2) }
            positions.append(SnapshotPosition(account: account, collateral: collateral.symbol, collateralAmount: fields[2].text,
                                              debt: debt.symbol, debtAmount: fields[4].text, line: lineNumber))
        }
        guard sawHeader else {
            throw InputError("empty snapshot: expected the header \(header.joined(separator: ","))",
                             at: SourceLocation(file: file, line: 1, column: 1))
        }
        return positions
    }

    /// The comma-separated fields of `line`, trimmed, each with its 1-based starting column
    /// (of the trimmed text).
    static func fields(of line: Substring) -> [(text: String, column: Int)] {
        var result: [(String, Int)] = []
        var column = 1
        for part in line.split(separator: ",", omittingEmptySubsequences: false) {
            let leading = part.prefix { $0 == " " || $0 == "\t" }.count
            let text = part.drop { $0 == " " || $0 == "\t" }
            let trimmed = text.reversed().drop { $0 == " " || $0 == "\t" }.reversed()
            result.append((String(trimmed), column + leading))
            column += part.count + 1
        }
        return result
    }
}
