import Testing
@testable import ProtocolModel

/// events.csv's `reason` text: every amount an exact decimal in its asset's units with the
/// asset's symbol, values and healths as decimals. Each expected string is worked by hand from
/// the raw units (USDC 6 decimals, ETH 18).
@Suite("Revert reason text")
struct RevertReasonTextTests {
    static let assets = [Asset(symbol: "USDC", decimals: 6), Asset(symbol: "ETH", decimals: 18)]
    static let usdc = AssetID(0), eth = AssetID(1)
    static let wad = FixedPoint.wad

    static func text(_ reason: RevertReason) -> String { reason.text(assets: assets) }

    @Test("An amount reads as its asset's decimal and symbol: 1,316,747,988 raw USDC is 1316.747988 USDC, -1,500,000 is -1.5 USDC")
    func amounts() {
        #expect(Self.assets[0].text(1_316_747_988) == "1316.747988 USDC")
        #expect(Self.assets[0].text(0) == "0 USDC")
        #expect(Self.assets[1].text(1) == "0.000000000000000001 ETH")
        #expect(Self.assets[0].text(signed: -1_500_000) == "-1.5 USDC")
        #expect(Self.assets[0].text(signed: 600_000_000) == "600 USDC")
    }

    @Test("Slippage, the balance check, the gain check and an unpaid flash loan read in their asset")
    func transactionReasons() {
        #expect(Self.text(.slippage(asset: Self.usdc, minimum: 1_494_270_203, actual: 1_316_747_988))
                == "slippage: 1316.747988 USDC out < minimum 1494.270203 USDC")
        #expect(Self.text(.balanceBelow(asset: Self.eth, balance: 250_000_000_000_000_000, minimum: 2 * Self.wad))
                == "check: balance 0.25 ETH < 2 ETH")
        #expect(Self.text(.unprofitable(asset: Self.usdc, balance: 99_999_999, before: 100_000_000, requiredGain: 1))
                == "unprofitable: balance 99.999999 USDC, 100 USDC before the transaction, required gain 0.000001 USDC")
        #expect(Self.text(.flashLoanNotRepaid(provider: "aave", asset: Self.eth, owed: 123_000_000_000_000_000))
                == "flash loan from aave not repaid: 0.123 ETH owed at the end of the transaction")
        #expect(Self.text(.ledger(.insufficientBalance(asset: Self.usdc, account: "noise-3", needed: 78_294_566_901, available: 1_000_000_000)))
                == "insufficient USDC balance of noise-3: needs 78294.566901 USDC, has 1000 USDC")
    }

    @Test("Lending reasons: amounts in the asset, values in the market's unit, healths as decimals")
    func lendingReasons() {
        #expect(Self.text(.lending(.supplyCapExceeded(asset: Self.eth, cap: 25 * Self.wad))) == "lending: ETH supply cap 25 ETH exceeded")
        #expect(Self.text(.lending(.borrowCapExceeded(asset: Self.usdc, cap: 5_000_000_000))) == "lending: USDC borrow cap 5000 USDC exceeded")
        #expect(Self.text(.lending(.insufficientLiquidity(asset: Self.usdc, needed: 78_294_566_901, available: 1_000_000_000)))
                == "lending: insufficient USDC liquidity: needs 78294.566901 USDC, market holds 1000 USDC")
        #expect(Self.text(.lending(.insufficientSupply(asset: Self.eth, needed: 3 * Self.wad, available: Self.wad / 2)))
                == "lending: insufficient ETH supplied: needs 3 ETH, has 0.5 ETH")
        #expect(Self.text(.lending(.insufficientCollateral(borrowingPower: 2_400 * Self.wad, debt: 2_500 * Self.wad + 1, unit: "USD")))
                == "lending: debt 2500.000000000000000001 USD would exceed borrowing power 2400 USD")
        #expect(Self.text(.lending(.notLiquidatable(health: 970_000_000_000_000_000))) == "lending: health 0.97 is not below 1")
        #expect(Self.text(.lending(.bidAboveTab(asset: Self.usdc, bid: 10_500_000, tab: 10_000_000)))
                == "lending: auction: bid 10.5 USDC above the tab 10 USDC")
        #expect(Self.text(.lending(.bidBelowMinimum(asset: Self.usdc, bid: 1, minimum: 1_030_000)))
                == "lending: auction: bid 0.000001 USDC below the minimum 1.03 USDC")
        #expect(Self.text(.lending(.liquidationValueCapReached(value: 1_000_500 * Self.wad / 1_000, limit: 1_000 * Self.wad, unit: "ETH")))
                == "lending: liquidation cap reached: value 1000.5 ETH > 1000 ETH per block")
    }

    @Test("Perp reasons read in the quote asset, signed; option reasons in the vault's collateral")
    func perpAndOptionReasons() {
        #expect(Self.text(.perp(.insufficientHealth(-1_000_000_001, asset: Self.usdc))) == "perp: initial health would be -1000.000001 USDC")
        #expect(Self.text(.perp(.notLiquidatable(600_000_000, asset: Self.usdc))) == "perp: maintenance health 600 USDC is not negative")
        #expect(Self.text(.perp(.insufficientLiquidity(asset: Self.usdc, needed: 5_000_000_001, available: 5_000_000_000)))
                == "perp: lenders' liquidity 5000 USDC does not cover 5000.000001 USDC")
        #expect(Self.text(.perp(.insufficientCollateral(asset: Self.usdc, needed: 2, available: 1)))
                == "perp: collateral 0.000001 USDC does not cover 0.000002 USDC")
        #expect(Self.text(.options(.premium(asset: Self.usdc, limit: 25_519_973, actual: 25_519_974)))
                == "options: premium 25.519974 USDC above the limit 25.519973 USDC")
        // A sale's premium below the seller's least.
        #expect(Self.text(.options(.premium(asset: Self.usdc, limit: 294_506_525, actual: 292_111_127)))
                == "options: premium 292.111127 USDC below the limit 294.506525 USDC")
        #expect(Self.text(.options(.insufficientMargin(asset: Self.usdc, balance: 0, requirement: 25_100_000)))
                == "options: margin balance 0 USDC < requirement 25.1 USDC")
        #expect(Self.text(.options(.vaultUndercollateralised(asset: Self.usdc, nav: 999_999, requirement: 1_000_000)))
                == "options: vault NAV 0.999999 USDC < its margin requirement 1 USDC")
    }
}
