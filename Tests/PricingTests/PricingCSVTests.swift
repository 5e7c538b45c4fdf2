import Foundation
import Pricing
import Testing

@Suite("advsim price CSV processing")
struct PricingCSVTests {
    func run(_ text: String, mode: PricingCSV.Mode = .price) throws -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)[...]
        if lines.last == "" { lines = lines.dropLast() }
        var output = ""
        try PricingCSV.process(source: "in.csv", mode: mode, nextLine: { lines.popFirst() }, write: { output += $0 })
        return output
    }

    @Test("Echoes input columns in their order and appends the price and five Greeks in round-trip form")
    func pricesRows() throws {
        let output = try run("K,type,S,T,r,sigma\n65,call,60,0.25,0.08,0.30\n65,p,60,0.25,0.08,0.30\n")
        let lines = output.split(separator: "\n")
        #expect(lines[0] == "K,type,S,T,r,sigma,price,delta,gamma,vega,theta,rho")
        // The batch kernel's numbers (the command's), printed in shortest round-trip form.
        let expected = BlackScholes.value(OptionBatch([
            OptionParameters(kind: .call, spot: 60, strike: 65, expiry: 0.25, rate: 0.08, volatility: 0.3),
        ]))[0]
        #expect(lines[1] == "65,call,60,0.25,0.08,0.30,\(expected.price),\(expected.delta),\(expected.gamma),\(expected.vega),\(expected.theta),\(expected.rho)")
        #expect(lines.count == 3)
    }

    @Test("Cells and header names are read without surrounding spaces or tabs")
    func trimsWhitespace() throws {
        let plain = try run("type,S,K,T,r,sigma\ncall,60,65,0.25,0.08,0.30\n").split(separator: "\n")
        let padded = try run("type, S ,K,T,r,sigma\t\n call ,60,\t65,0.25,0.08,0.30 \n").split(separator: "\n")
        let prices = [plain[1], padded[1]].map { $0.split(separator: ",")[6].trimmingCharacters(in: .whitespaces) }
        #expect(prices[0] == prices[1])
        #expect(padded.count == 2)
    }

    @Test("A byte-order mark before the header (as spreadsheets write it) is not part of the first column's name")
    func byteOrderMark() throws {
        let plain = try run("type,S,K,T,r,sigma\ncall,60,65,0.25,0.08,0.30\n")
        #expect(try run("\u{FEFF}type,S,K,T,r,sigma\ncall,60,65,0.25,0.08,0.30\n") == plain)
    }

    @Test("A row beyond one chunk is priced like the first")
    func streamsChunks() throws {
        let row = "call,100,100,1,0.05,0.2"
        let text = "type,S,K,T,r,sigma\n" + Array(repeating: row, count: PricingCSV.chunkRows + 3).joined(separator: "\n")
        let lines = try run(text).split(separator: "\n")
        #expect(lines.count == PricingCSV.chunkRows + 4)
        #expect(lines[1] == lines[PricingCSV.chunkRows + 3])
    }

    @Test("A bad row reports file:row: message")
    func badRow() {
        #expect {
            try run("type,S,K,T,r,sigma\ncall,100,100,1,0.05,0.2\ncall,-1,100,1,0.05,0.2\n")
        } throws: { error in
            "\(error)" == "in.csv:3: S must be > 0, got -1.0"
        }
        #expect {
            try run("type,S,K,T,r,sigma\nstraddle,100,100,1,0.05,0.2\n")
        } throws: { error in
            "\(error)" == "in.csv:2: type must be call or put, got 'straddle'"
        }
    }

    @Test("A row whose S/K or discounted legs leave the double range is a located error, not NaN or a wrong price", arguments: [
        // Before: priced 5e+299 with delta 0.5 on the avx2 path and NaN on the portable path (true: ≈1e300, delta 1).
        ("call,1e300,1e-300,1,0.05,0.2", "in.csv:2: S/K = 1e+300/1e-300 is beyond the double range (1e-308 to 1e308)"),
        ("put,1e-300,1e300,1,0.05,0.2", "in.csv:2: S/K = 1e-300/1e+300 is beyond the double range (1e-308 to 1e308)"),
        // Before: 48.96 on avx2, NaN on portable (mpmath: 49.80); e^(−rT) = e^20000 overflows.
        ("call,100,100,1000000,-0.02,0.2",
         "in.csv:2: K·e^(−r·T) is beyond the double range (r·T = -20000.0; r·T ≥ −709 and K·e^(−r·T) < 1.8e308 are needed)"),
        ("put,100,1e307,1,-3,0.2",
         "in.csv:2: K·e^(−r·T) is beyond the double range (r·T = -3.0; r·T ≥ −709 and K·e^(−r·T) < 1.8e308 are needed)"),
    ])
    func outOfDoubleRange(row: String, message: String) {
        for mode in [PricingCSV.Mode.price, .impliedVolatility] {
            #expect {
                try run("type,S,K,T,r,\(mode == .price ? "sigma" : "price")\n\(row)\n", mode: mode)
            } throws: { error in
                "\(error)" == message
            }
        }
    }

    @Test("The carry q (r under Black-76) is checked like r, and the edges of the range still price finitely")
    func carryOutOfRange() throws {
        #expect {
            try run("type,S,K,T,r,q,sigma\ncall,100,100,1000,0.05,-0.8,0.2\n")
        } throws: { error in
            "\(error)" == "in.csv:2: S·e^(−q·T) is beyond the double range (q·T = -800.0; q·T ≥ −709 and S·e^(−q·T) < 1.8e308 are needed)"
        }
        #expect {
            try run("type,S,K,T,r,model,sigma\ncall,1e300,1,1000,-0.7,black76,0.2\n")
        } throws: { error in
            "\(error)" == "in.csv:2: S·e^(−r·T) is beyond the double range (r·T = -700.0; r·T ≥ −709 and S·e^(−r·T) < 1.8e308 are needed)"
        }
        // Just inside: r·T = −700 on a small strike, S/K = 1e300; every output finite.
        let lines = try run("type,S,K,T,r,sigma\ncall,100,1e-280,1000,-0.7,0.2\nput,1e150,1e-150,1,0,0.2\n").split(separator: "\n")
        for line in lines.dropFirst() {
            #expect(line.split(separator: ",").suffix(6).allSatisfy { Double($0)?.isFinite == true }, "\(line)")
        }
    }

    @Test("An unknown column is rejected with a did-you-mean hint; a missing one is named")
    func badHeader() {
        #expect {
            try run("type,S,K,T,r,sigmaa\n")
        } throws: { error in
            "\(error)".hasPrefix("in.csv:1: unknown column 'sigmaa' (did you mean 'sigma'?)")
        }
        #expect {
            try run("type,S,K,T,sigma\n")
        } throws: { error in
            "\(error)" == "in.csv:1: missing column 'r'"
        }
    }

    @Test("Implied-vol mode reads price, writes sigma and a reason where none exists")
    func impliedVol() throws {
        let option = OptionParameters(kind: .put, model: .black76, spot: 100, strike: 95, expiry: 0.75, rate: 0.03, volatility: 0.25)
        let price = BlackScholes.value(option).price
        let lines = try run("type,S,K,T,r,price,model\nput,100,95,0.75,0.03,\(price),black76\ncall,100,90,1,0,5,bs\n", mode: .impliedVolatility)
            .split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == "type,S,K,T,r,price,model,sigma,reason")
        let sigma = Double(lines[1].split(separator: ",")[7])!
        #expect(abs(sigma - 0.25) < 1e-12)
        #expect(lines[2].hasSuffix(",nan,price below intrinsic value"))
    }
}
