import ArgumentParser
import Experiments
import Foundation
import Pricing

/// `advsim price`: Black–Scholes / Black-76 prices and Greeks (or implied vols) for a CSV of options.
struct Price: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Price options from CSV: type,S,K,T,r,sigma[,q][,model] → price and five Greeks.",
        discussion: """
            Conventions: vega per 1.00 of vol, theta = -dV/dT per year, rho per 1.00 of rate. \
            Rows stream through the batch kernel in chunks of \(PricingCSV.chunkRows). \
            A bad row prints file:row: message and exits with status 2; a named output file \
            is only replaced when every row succeeded. An output that refuses the bytes \
            (a full disk, /dev/full) exits with status 1.
            """
    )

    @Argument(help: "Input CSV path, or - for standard input.")
    var input: String = "-"

    @Option(name: .shortAndLong, help: "Output CSV path, or - for standard output.")
    var output: String = "-"

    @Flag(help: "Read a price column instead of sigma and write sigma (and a reason where none exists).")
    var impliedVol = false

    func run() throws {
        // NOTE: fdopen instead of the C globals stdin/stdout, which Swift 6 rejects as shared mutable state.
        guard let file = input == "-" ? fdopen(STDIN_FILENO, "r") : fopen(input, "r") else {
            FileHandle.standardError.write(Data("\(input): cannot open: \(String(cString: strerror(errno)))\n".utf8))
            throw ExitCode(2)
        }
        let source = file
        defer { if input != "-" { fclose(source) } }

        // A device or FIFO (e.g. -o /dev/null) is written in place: renaming over it would
        // replace it, as root, with a regular file.
        let temporaryPath = output == "-" || OutputFile.isSpecial(output) ? nil : output + ".tmp-\(getpid())"
        let sink: UnsafeMutablePointer<FILE>
        if output != "-", temporaryPath == nil {
            guard let file = fopen(output, "w") else {
                FileHandle.standardError.write(Data("\(output): cannot open: \(String(cString: strerror(errno)))\n".utf8))
                throw ExitCode(2)
            }
            sink = file
        } else if let temporaryPath {
            guard let file = fopen(temporaryPath, "w") else {
                FileHandle.standardError.write(Data("\(output): cannot create: \(String(cString: strerror(errno)))\n".utf8))
                throw ExitCode(2)
            }
            sink = file
        } else if let file = fdopen(STDOUT_FILENO, "w") {
            sink = file
        } else {
            throw ExitCode(2)
        }

        var line: UnsafeMutablePointer<CChar>?
        var capacity = 0
        defer { free(line) }
        do {
            try PricingCSV.process(
                source: input, mode: impliedVol ? .impliedVolatility : .price,
                nextLine: {
                    let length = getline(&line, &capacity, source)
                    guard length >= 0, let line else { return nil }
                    var text = String(cString: line)
                    while text.last == "\n" || text.last == "\r\n" || text.last == "\r" { text.removeLast() }
                    return text
                },
                write: { fputs($0, sink) }
            )
        } catch let error as PricingCSV.InputError {
            if let temporaryPath {
                fclose(sink)
                unlink(temporaryPath)
            }
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            throw ExitCode(2)
        }
        if let temporaryPath {
            guard fclose(sink) == 0, rename(temporaryPath, output) == 0 else {
                unlink(temporaryPath)
                FileHandle.standardError.write(Data("\(output): cannot write: \(String(cString: strerror(errno)))\n".utf8))
                throw ExitCode(2)
            }
        } else if output == "-" ? fflush(sink) != 0 : fclose(sink) != 0 {
            // A device or stdout that refuses the bytes (/dev/full: ENOSPC) is a failed write.
            CommandSupport.fail("cannot write '\(output == "-" ? "stdout" : output)': \(String(cString: strerror(errno)))", code: 1)
        }
    }
}
