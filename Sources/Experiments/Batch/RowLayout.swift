/// The columns of a batch's runs.csv, failures.csv or pnl.csv as `--resume` checks them: the
/// header the writer writes (RunsTable, PnLTable, BatchRunner) and what each column's cells
/// must hold. A row that breaks the layout is a ``ResumeError`` at its line and column.
struct RowLayout {
    /// What a column's cells hold.
    enum Kind {
        /// A sweep point or replication index: a whole number ≥ 0.
        case index
        /// A replication seed: a whole number below 2^64.
        case seed
        /// A metric: a number, or empty when undefined.
        case number
        /// Free text (swept values, names, messages).
        case text

        func accepts(_ cell: String) -> Bool {
            switch self {
            case .index: Int(cell).map { $0 >= 0 } ?? false
            case .seed: UInt64(cell) != nil
            case .number: cell.isEmpty || Double(cell) != nil
            case .text: true
            }
        }

        var expectation: String {
            switch self {
            case .index: "a whole number ≥ 0"
            case .seed: "a seed (a whole number below 2^64)"
            case .number: "a number or empty"
            case .text: "text"
            }
        }
    }

    /// The header line, as written.
    let header: String
    /// The column names.
    let names: [String]
    /// What each column holds; the first three are the sweep point, the replication and its seed.
    let kinds: [Kind]
    /// How many `param_` columns follow the seed (runs.csv: one per swept key path).
    let parameterCount: Int

    /// A layout from the writer's header line, each column's kind and how many `param_` columns
    /// follow the seed.
    init(header: String, kinds: [Kind], parameterCount: Int = 0) {
        self.header = header
        self.names = CSVLineReader.fields(ArraySlice(header.utf8))
        self.kinds = kinds
        self.parameterCount = parameterCount
        precondition(names.count == kinds.count && kinds.starts(with: [.index, .index, .seed]), "layout does not match its header")
    }

    /// runs.csv of a batch sweeping `parameters`.
    static func runs(parameters: [String]) -> RowLayout {
        RowLayout(header: RunsTable.header(parameters: parameters),
                  kinds: [.index, .index, .seed] + parameters.map { _ in .text } + RunsTable.metricNames.map { _ in .number },
                  parameterCount: parameters.count)
    }

    /// failures.csv.
    static let failures = RowLayout(header: "sweep_point,replication,seed,message", kinds: [.index, .index, .seed, .text])

    /// pnl.csv.
    static let pnl = RowLayout(header: PnLTable.header, kinds: [.index, .index, .seed, .text, .text, .number, .number])

    /// Checks the header record of `file`.
    func checkHeader(_ fields: [String], file: String) throws(ResumeError) {
        guard fields != names else { return }
        let field = zip(fields, names).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(fields.count, names.count)
        let found = field < fields.count ? "'\(Self.shortened(fields[field]))'" : "the end of the line"
        let expected = field < names.count ? "'\(names[field])'" : "the end of the line"
        throw ResumeError("unexpected header: \(found) where this batch's \(Self.fileName(file)) has \(expected)",
                          file: file, line: 1, column: Self.column(ofField: field, in: fields))
    }

    /// Checks a row that starts on `line` of `file`; returns its sweep point and replication.
    func check(_ fields: [String], file: String, line: Int) throws(ResumeError) -> (point: Int, replication: Int) {
        guard fields.count == kinds.count else {
            throw ResumeError("the row has \(fields.count) fields, the header \(kinds.count)", file: file, line: line,
                              column: Self.column(ofField: min(fields.count, kinds.count), in: fields))
        }
        for (index, kind) in kinds.enumerated() where !kind.accepts(fields[index]) {
            throw ResumeError("'\(Self.shortened(fields[index]))' in column \(names[index]) is not \(kind.expectation)",
                              file: file, line: line, column: Self.column(ofField: index, in: fields))
        }
        return (Int(fields[0]) ?? 0, Int(fields[1]) ?? 0)  // both checked as `.index` above
    }

    /// Checks the start of a row cut off by a kill on `line` of `file`: at most the header's
    /// fields, each holding what its column holds — the last one, perhaps cut itself, only the
    /// characters of its kind.
    func checkCutRow(_ fields: [String], file: String, line: Int) throws(ResumeError) {
        guard fields.count <= kinds.count else {
            throw ResumeError("the cut-off last row has \(fields.count) fields, the header \(kinds.count)", file: file, line: line,
                              column: Self.column(ofField: kinds.count, in: fields))
        }
        for (index, cell) in fields.enumerated() {
            let kind = kinds[index]
            let isCut = index == fields.count - 1
            guard isCut ? kind == .text || cell.allSatisfy({ "0123456789.+-eE".contains($0) }) : kind.accepts(cell) else {
                throw ResumeError("the cut-off last row is not the start of a row: '\(Self.shortened(cell))' in column "
                                  + "\(names[index]) is not \(kind.expectation)", file: file, line: line,
                                  column: Self.column(ofField: index, in: fields))
            }
        }
    }

    /// How many lines a checked row spans: quoted text cells may hold newlines.
    func lineCount(_ fields: [String]) -> Int {
        var count = 1
        for (index, kind) in kinds.enumerated() where kind == .text {
            count += fields[index].utf8.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
        }
        return count
    }

    /// The 1-based column where field `index` starts on a line of `fields` written as advsim
    /// writes them (quoted only when needed); for `index == fields.count`, the line's end.
    static func column(ofField index: Int, in fields: [String]) -> Int {
        let before = fields.prefix(index).reduce(0) { $0 + CSVFormat.text($1).unicodeScalars.count + 1 }
        return index < fields.count || index == 0 ? 1 + before : before
    }

    /// A cell as quoted in a message: at most 40 characters, control characters escaped.
    static func shortened(_ cell: String) -> String {
        let short = cell.count <= 40 ? cell : String(cell.prefix(40)) + "…"
        return short.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? $0.escaped(asASCII: true) : String($0) }.joined()
    }

    private static func fileName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}
