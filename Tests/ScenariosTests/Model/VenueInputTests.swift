import Testing
import ProtocolModel
@testable import Scenarios

/// `reserves:`, `depots:`, `margin_venues:` and `type: reserve` oracles: decoded from exact decimals, rendered so
/// that they reload, built into the world at genesis, rejected with located messages.
@Suite("Venue scenario input")
struct VenueInputTests {
    static let valid = """
    duration: 1h
    chain: {native_asset: ETH}
    assets:
      ETH: {price: 268.30}
      sUSD: {price: 1}
    reserves:
      kyber_susd: {x: ETH, y: sUSD, min_price: 0.0037, max_price: 0.0148, rate: 0.00252, inventory_x: 0.90658, inventory_y: 100000}
    depots:
      synthetix: {sells: sUSD, for: ETH, price: 268.30, inventory: 943837.59}
    oracles:
      susd_kyber: {type: reserve, reserve: kyber_susd}
    """

    @Test("Reserves, depots and reserve oracles decode exactly, and the oracle's unit is the reserve's x asset")
    func decodes() throws {
        let scenario = try Scenario.parse(text: Self.valid, file: "s.yaml")
        let reserve = scenario.reserves[0]
        #expect(reserve.id == "kyber_susd" && reserve.x == "ETH" && reserve.y == "sUSD")
        let core = try reserve.core(decimalsX: 18, decimalsY: 18)
        #expect(core.minPrice == 3_700_000_000_000_000 && core.maxPrice == 14_800_000_000_000_000 && core.rate == 2_520_000_000_000_000)
        #expect(core.inventoryX == 906_580_000_000_000_000 && core.inventoryY == 100_000_000_000_000_000_000_000)
        let depot = scenario.depots[0]
        #expect(depot.sells == "sUSD" && depot.paidWith == "ETH" && depot.price == "268.30" && depot.inventory == "943837.59")
        guard case .reserve(let id) = scenario.oracles[0].kind else { Issue.record("not a reserve oracle"); return }
        #expect(id == "kyber_susd" && scenario.oracles[0].unit == "ETH")
    }

    @Test("The resolved form writes the venues and reloads to itself")
    func roundTrips() throws {
        let resolved = try Scenario.parse(text: Self.valid, file: "s.yaml").resolvedYAML()
        #expect(resolved.contains("  kyber_susd: {x: ETH, y: sUSD, min_price: 0.0037, max_price: 0.0148, rate: 0.00252, inventory_x: 0.90658, inventory_y: 100000}"))
        #expect(resolved.contains("  synthetix: {sells: sUSD, for: ETH, price: 268.30, inventory: 943837.59}"))
        #expect(resolved.contains("  susd_kyber: {type: reserve, reserve: kyber_susd, unit: \"ETH\"}"))
        #expect(try Scenario.parse(text: resolved, file: "r.yaml").resolvedYAML() == resolved)
    }

    @Test("The world mints each venue's inventory into its own account at genesis and the reserve oracle reads P0 in ETH")
    func buildsWorld() throws {
        let world = try World(scenario: Scenario.parse(text: Self.valid, file: "s.yaml"), seed: 1)
        let state = world.state
        let reserve = state.reserves[0], depot = state.depots[0]
        #expect(state.ledger.balance(reserve.assetX, of: reserve.account) == 906_580_000_000_000_000)
        #expect(state.ledger.balance(reserve.assetY, of: reserve.account) == 100_000_000_000_000_000_000_000)
        #expect(state.ledger.balance(depot.assetY, of: depot.account) == 943_837_590_000_000_000_000_000)
        #expect(depot.depot.price == 268_300_000_000_000_000_000)
        // P0 = 0.0037·e^(0.00252·0.90658) = 0.003708462615006513… ETH/sUSD (mpmath).
        let price = try state.readOracle(0, at: 0).value
        #expect(price <= 3_708_462_615_006_513 && 3_708_462_615_006_513 - price <= 10, "\(price)")
        #expect(state.oracles[0].unit == "ETH")
        try state.checkAllInvariants()
    }

    static let catalogue: [(String, String, String)] = [
        (valid.replacingOccurrences(of: "{x: ETH, y", with: "{x: ETH, z: 1, y"), "s.yaml:7:", "unknown key 'z'"),
        (valid.replacingOccurrences(of: "x: ETH, y: sUSD", with: "x: ETH, y: sUSDC"), "s.yaml:7:27:", "did you mean 'sUSD'?"),
        (valid.replacingOccurrences(of: "x: ETH, y: sUSD", with: "x: BTC, y: sUSD"), "s.yaml:7:19:", "unknown asset 'BTC'"),
        (valid.replacingOccurrences(of: "x: ETH, y: sUSD", with: "x: ETH, y: ETH"), "s.yaml:7:", "two different assets"),
        (valid.replacingOccurrences(of: "min_price: 0.0037", with: "min_price: 0"), "s.yaml:7:", "positive"),
        (valid.replacingOccurrences(of: "min_price: 0.0037", with: "min_price: .nan"), "s.yaml:7:", "not a finite number"),
        (valid.replacingOccurrences(of: "max_price: 0.0148", with: "max_price: 0.0037"), "s.yaml:7:63:", "max_price must be above min_price"),
        (valid.replacingOccurrences(of: "rate: 0.00252", with: "rate: -0.1"), "s.yaml:7:", "negative"),
        (valid.replacingOccurrences(of: "rate: 0.00252", with: "rate: [1]"), "s.yaml:7:", "expected a decimal number"),
        (valid.replacingOccurrences(of: "inventory_x: 0.90658", with: "inventory_x: 600"), "s.yaml:7:99:", "initial price"),
        (valid.replacingOccurrences(of: "inventory_y: 100000", with: "inventory_y: -5"), "s.yaml:7:", "negative"),
        (valid.replacingOccurrences(of: ", inventory_y: 100000", with: ""), "s.yaml:7:", "missing required key 'inventory_y'"),
        (valid.replacingOccurrences(of: "sells: sUSD, for: ETH", with: "sells: sUSD, for: ETh"), "s.yaml:9:", "did you mean 'ETH'?"),
        (valid.replacingOccurrences(of: "sells: sUSD, for: ETH", with: "sells: sUSD, for: sUSD"), "s.yaml:9:", "two different assets"),
        (valid.replacingOccurrences(of: "sells: sUSD, for: ETH", with: "sells: USD, for: ETH"), "s.yaml:9:",
         "unknown asset 'USD'"),
        (valid.replacingOccurrences(of: "price: 268.30, inventory", with: "price: 0, inventory"), "s.yaml:9:", "positive"),
        (valid.replacingOccurrences(of: "inventory: 943837.59", with: "inventory: -1"), "s.yaml:9:", "negative"),
        (valid.replacingOccurrences(of: "{sells: sUSD", with: "{sell: sUSD"), "s.yaml:9:", "did you mean 'sells'?"),
        (valid.replacingOccurrences(of: "reserve: kyber_susd}", with: "reserve: kyber_usd}"), "s.yaml:11:", "did you mean 'kyber_susd'?"),
        (valid.replacingOccurrences(of: "reserve: kyber_susd}", with: "reserve: kyber_susd, unit: USD}"), "s.yaml:11:", "answers in its reserve's x asset"),
        (valid.replacingOccurrences(of: "reserve: kyber_susd}", with: "reserve: kyber_susd, pool: p}"), "s.yaml:11:", "not a parameter of oracle type 'reserve'"),
        (valid.replacingOccurrences(of: "reserves:", with: "reservse:"), "s.yaml:6:", "did you mean 'reserves'?"),
    ]

    @Test("Each bad venue input gives a located message", arguments: catalogue)
    func catalogueCase(text: String, location: String, phrase: String) throws {
        try expectLocatedInputError(text, at: location, saying: phrase)
    }
    static let margin = """
    duration: 1h
    chain: {native_asset: ETH}
    assets:
      ETH: {price: 264.71}
      WBTC: {decimals: 8, price: 10345}
    pools:
      eth_wbtc: {token0: ETH, token1: WBTC, reserve0: 2817.77, reserve1: 77.09}
    oracles:
      wbtc_eth: {type: constant, value: 39.08, unit: ETH}
    margin_venues:
      bzx: {pool: eth_wbtc, loan_asset: ETH, liquidity: 4858.74, leverage: 5, ocr: 1.153, oracle: wbtc_eth, check_equity: false}
      guarded: {pool: eth_wbtc, loan_asset: ETH, liquidity: 10, leverage: 2, ocr: 1.5, oracle: wbtc_eth}
    """

    @Test("Margin venues decode (check_equity defaults to true), render so that they reload, and hold their liquidity at genesis")
    func marginVenues() throws {
        let scenario = try Scenario.parse(text: Self.margin, file: "s.yaml")
        let bzx = scenario.marginVenues[0], guarded = scenario.marginVenues[1]
        #expect(bzx.pool == "eth_wbtc" && bzx.loanAsset == "ETH" && bzx.liquidity == "4858.74" && bzx.leverage == "5" && bzx.ocr == "1.153")
        #expect(bzx.oracle == "wbtc_eth" && !bzx.checkEquity && guarded.checkEquity)
        let resolved = scenario.resolvedYAML()
        #expect(resolved.contains("  bzx: {pool: eth_wbtc, loan_asset: ETH, liquidity: 4858.74, leverage: 5, ocr: 1.153, oracle: wbtc_eth, check_equity: false}"))
        #expect(try Scenario.parse(text: resolved, file: "r.yaml").resolvedYAML() == resolved)
        let world = try World(scenario: scenario, seed: 1)
        let venue = world.state.marginVenues[0]
        #expect(venue.leverage == 5_000_000_000_000_000_000 && venue.ocr == 1_153_000_000_000_000_000 && !venue.checkEquity)
        #expect(venue.pool == 0 && venue.oracle == 0 && world.state.ledger.assets[venue.positionAsset.index].symbol == "WBTC")
        #expect(world.state.ledger.balance(venue.loanAsset, of: venue.account) == 4_858_740_000_000_000_000_000)
        #expect(venue.book == MarginBook(liquidity: 4_858_740_000_000_000_000_000))
        try world.state.checkAllInvariants()
    }

    static let marginCatalogue: [(String, String, String)] = [
        (margin.replacingOccurrences(of: "pool: eth_wbtc, loan_asset: ETH, liquidity: 4858.74", with: "pool: eth_wbtx, loan_asset: ETH, liquidity: 4858.74"),
         "s.yaml:11:", "did you mean 'eth_wbtc'?"),
        (margin.replacingOccurrences(of: "loan_asset: ETH, liquidity: 4858.74", with: "loan_asset: WBTC, liquidity: 4858.74"),
         "s.yaml:11:", "oracle wbtc_eth answers in ETH"),
        (margin.replacingOccurrences(of: "loan_asset: ETH, liquidity: 4858.74", with: "loan_asset: DAI, liquidity: 4858.74"),
         "s.yaml:11:", "unknown asset 'DAI'"),
        (margin.replacingOccurrences(of: "WBTC: {decimals: 8, price: 10345}", with: "WBTC: {decimals: 8, price: 10345}\n  DAI: {price: 1}")
            .replacingOccurrences(of: "loan_asset: ETH, liquidity: 4858.74", with: "loan_asset: DAI, liquidity: 4858.74"),
         "s.yaml:12:", "DAI is not traded in pool eth_wbtc"),
        (margin.replacingOccurrences(of: "liquidity: 4858.74", with: "liquidity: -1"), "s.yaml:11:", "negative"),
        (margin.replacingOccurrences(of: "leverage: 5,", with: "leverage: 1,"), "s.yaml:11:", "leverage must be at least ocr"),
        (margin.replacingOccurrences(of: "ocr: 1.153", with: "ocr: 0.9"), "s.yaml:11:", "ocr must be at least 1"),
        (margin.replacingOccurrences(of: "ocr: 1.153", with: "ocr: .inf"), "s.yaml:11:", "not a finite number"),
        (margin.replacingOccurrences(of: "oracle: wbtc_eth, check_equity: false", with: "oracle: wbtc, check_equity: false"),
         "s.yaml:11:", "did you mean 'wbtc_eth'?"),
        (margin.replacingOccurrences(of: "check_equity: false", with: "check_equity: no"), "s.yaml:11:", "expected true or false"),
        (margin.replacingOccurrences(of: "check_equity: false", with: "check_equty: false"), "s.yaml:11:", "did you mean 'check_equity'?"),
        (margin.replacingOccurrences(of: "value: 39.08, unit: ETH", with: "value: 39.08"), "s.yaml:11:", "answers in USD"),
        (margin.replacingOccurrences(of: "margin_venues:", with: "margin_venue:"), "s.yaml:10:", "did you mean 'margin_venues'?"),
    ]

    @Test("Each bad margin-venue input gives a located message", arguments: marginCatalogue)
    func marginCatalogueCase(text: String, location: String, phrase: String) throws {
        try expectLocatedInputError(text, at: location, saying: phrase)
    }
}
