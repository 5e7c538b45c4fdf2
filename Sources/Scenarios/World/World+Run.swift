import Agents
import ProtocolModel
import Simulation

extension World {
    /// Runs the replication to the end of the scenario and returns its metrics.
    ///
    /// - Parameter sink: receives the time series and the event log as they happen (a single
    ///   run); nil in batches.
    /// - Throws: ``InvariantViolation`` under `checkInvariants`, or whatever the sink throws.
    public func run(sink: (any WorldSink)? = nil) throws -> RunMetrics {
        self.sink = sink
        // The queue is a local value for the run: the handler gets it inout, and no class
        // property is held in a modify access while agents run.
        var simulator = Simulator<WorldEvent>()
        let blockTime = Double(scenario.chain.blockTime)
        let lastBlock = scenario.blockCount
        // Blocks are scheduled one at a time (each schedules the next), so the queue holds only
        // the next block and the agents' pending wake-ups.
        if lastBlock >= 1 { simulator.schedule(.block(1), at: blockTime, priority: WorldEvent.block(1).priority) }
        for index in noiseTraders.indices {
            simulator.schedule(.noiseTrader(index), after: noiseTraders[index].nextArrival(), priority: 1)
        }
        for index in optionAgents.traders.indices {
            simulator.schedule(.optionTrader(index), after: optionAgents.traders[index].nextArrival(), priority: 1)
        }
        if let attacker { simulator.schedule(.attacker, at: attacker.start, priority: WorldEvent.attacker.priority) }
        let nominalGasPrice = GasPriceProcess.wei(gwei: scenario.chain.gasPrice.nominalGwei)
        for provider in liquidityProviders {
            submit(withView(at: 0) { provider.enter($0, basePrice: nominalGasPrice) })
        }
        try sink?.record(blockRow(block: 0, receipt: nil))

        let end = Double(lastBlock) * blockTime
        _ = try simulator.run(until: end) { simulator, event in
            try self.handle(event, simulator: &simulator)
        }
        return try finish()
    }

    private func handle(_ event: WorldEvent, simulator: inout Simulator<WorldEvent>) throws {
        switch event {
        case .block(let number):
            try sealBlock(number, simulator: &simulator)
            if number < scenario.blockCount {
                simulator.schedule(.block(number + 1), at: Double(number + 1) * Double(scenario.chain.blockTime),
                                   priority: WorldEvent.block(number + 1).priority)
            }
        // NOTE: the waking agent is used unretained, as in ``sealBlock(_:simulator:)`` (≈ 70 k
        // wake-ups a benchmark day).
        // NOTE: one that sizes at execution stands aside without a view or a mempool scan once
        // a back-run of every pool is pending: it would find nothing to do (≈ 1.6 wake-ups a
        // quiet block; callgrind: idle block at 10,000 borrowers 19,643 -> 19,403 instructions,
        // benchmark-day 671.6 M -> 667.5 M, warm-up + 1).
        case .arbitrageur(let index):
            arbitrageurWaiting[index] = false
            Unmanaged.passUnretained(arbitrageurs[index])._withUnsafeGuaranteedRef { arbitrageur in
                if backRunInEveryPool, arbitrageur.sizing == .execution { return arbitrageur.standAside() }
                // Sized at execution, it reads the back-runs already pending; sized at decision,
                // whether a swap of its own still waits (the mempool's counts by sender).
                let atExecution = arbitrageur.sizing == .execution
                if withView(at: simulator.now, mempool: atExecution, senderCounts: !atExecution, { view in
                    arbitrageur.decide(view, into: &proposals, oneStep: { chain.oneStep($0) })
                }) {
                    backRunInEveryPool = true
                }
                submitProposals()
            }
            wokeArbitrageur(index, simulator: &simulator)
        case .liquidator(let index):
            liquidatorWaiting[index] = false
            Unmanaged.passUnretained(liquidators[index])._withUnsafeGuaranteedRef { liquidator in
                // NOTE: a liquidator that would find every account below health 1 barred by the
                // liquidations sent earlier in the block proposes nothing: it is not lent a view.
                // In benchmark-day the first liquidator of a block takes every account, and its
                // liquidations bar them (``Liquidator/purchases``): 3,533 of 3,930 wake-ups skip
                // decide (warm-up + 1; 587.4 M -> 583.2 M instructions when the second liquidator
                // still walked them to find them barred; callgrind). Asked of the shared answers,
                // not through the world's `state` (a copy of the state: a retain of each buffer).
                if sealedQueries.barsEveryAccount(market: liquidator.market, fee: liquidator.priorityFee, mempool: chain.mempool.count,
                                                  sealedBy: chain.lastSealedBlock) { return }
                withView(at: simulator.now) { view in liquidator.decide(view, into: &proposals) { chain.twoSteps($0, $1) } }
            }
            submitProposals()
        case .borrower(let index):
            borrowerWakes(index, at: simulator.now)
        case .attacker:
            let wakeAfter = withView(at: simulator.now) { view in attacker?.decide(view, into: &proposals) }
            submitProposals()
            if let delay = wakeAfter { simulator.schedule(.attacker, after: delay, priority: WorldEvent.attacker.priority) }
        case .noiseTrader(let index):
            let trader = Unmanaged.passUnretained(noiseTraders[index])
            let trade = withView(at: simulator.now, mempool: false) { view in
                trader._withUnsafeGuaranteedRef { $0.trade(view, oneStep: { chain.oneStep($0) }) }
            }
            if let trade { submit(trade) }
            simulator.schedule(.noiseTrader(index), after: trader._withUnsafeGuaranteedRef { $0.nextArrival() }, priority: 1)
        case .optionTrader(let index):
            if let trade = withView(at: simulator.now, { optionAgents.traders[index].trade($0) }) { submit(trade) }
            simulator.schedule(.optionTrader(index), after: optionAgents.traders[index].nextArrival(), priority: 1)
        case .perpLiquidator(let index):
            perpLiquidatorWakes(index, at: simulator.now)
        }
    }

    private func sealBlock(_ number: Int, simulator: inout Simulator<WorldEvent>) throws {
        // NOTE: the weak reference is loaded once a block, not at each of its four reads (a weak
        // load costs ≈ 25 instructions, nil or not; callgrind, empty block).
        let sink = self.sink
        backRunInEveryPool = false  // the block takes back-runs out of the mempool
        let gasPrice = gasPrices.nextBlockPrice(previousGasUsed: lastGasUsed, blockGasLimit: chain.config.blockGasLimit)
        // NOTE: tested first: `removeAll(keepingCapacity:)` goes through `replaceSubrange` even
        // on an empty log (≈ 80 instructions; ≈ 1.9 k blocks of 14.4 k log nothing a benchmark day,
        // warm-up + 1: 741.56 M → 741.38 M; callgrind). Popping the records instead moved each out
        // through memcpy (+2.2 M instructions a benchmark day, warm-up + 1).
        if !stepLog.isEmpty { stepLog.removeAll(keepingCapacity: true) }
        let unhealthyAtStart = unhealthyAtBlockStart(number)
        // Without a sink no liquidation row is written: its records need no health after the step.
        let receipt = try chain.produceBlock(number, gasPrice: gasPrice, state: &sealedView.state, checkInvariants: options.checkInvariants,
                                             recordSteps: true, liquidationDetail: sink != nil, log: &stepLog)
        sealedView.lastBlock = chain.lastSealedBlock
        sealedView.gasPrice = gasPrice
        lastGasUsed = receipt.gasUsed
        sealedView.state.observeDefences(at: receipt.timestamp)  // circuit breakers and dynamic collateral factors
        sealedQueries.forget()  // answers kept for this block would predate the defences' changes
        let liquidationsBefore = metrics.liquidations
        account(receipt)
        // NOTE: a block whose accounting tallied no liquidation has no cascade round and no
        // liquidation row (a record's liquidation detail comes only from an executed liquidation
        // or auction settlement, which the tally counts): its step records are not walked again
        // for them (callgrind: 918.5 M -> 916.9 M instructions a benchmark day, warm-up + 1).
        let liquidations = metrics.liquidations == liquidationsBefore ? []
            : recordCascadeRounds(block: number, unhealthyAtStart: unhealthyAtStart, rows: sink != nil)
        if let sink {
            try sink.record(blockRow(block: number, receipt: receipt))
            if !stepLog.isEmpty { try sink.record(stepLog) }
            if !liquidations.isEmpty { try sink.record(liquidations) }
        }

        // NOTE: the seal's optional parts (oracle keepers, borrower reactions, and in
        // `account(_:)` an attacker and option settlements) are tested before their calls: each
        // call that found nothing to do cost ≈ 20 instructions a block (763.2 M → 761.9 M
        // instructions a benchmark day, warm-up + 1).
        if !oracleKeepers.push.isEmpty || !oracleKeepers.twapUpdaters.isEmpty {
            submitOracleKeeperTransactions(at: simulator.now)
        }
        // NOTE: a provider reads no mempool (its view is lent without one) and is used unretained,
        // as the other agents are: the mempool's and the provider's retains and releases were
        // ≈ 60 % of those of an amm-arbitrage replication (5 providers; perf).
        for index in liquidityProviders.indices {
            let provider = Unmanaged.passUnretained(liquidityProviders[index])
            let transaction = withView(at: simulator.now, mempool: false) { view in
                provider._withUnsafeGuaranteedRef { $0.onBlockSealed(view, outcomes: receipt.outcomes) }
            }
            if let transaction { submit(transaction) }
        }
        // An option vault's keeper reads no mempool (lent without one) and is used unretained.
        for index in optionAgents.keepers.indices {
            let keeper = Unmanaged.passUnretained(optionAgents.keepers[index])
            withView(at: simulator.now, mempool: false) { view in keeper._withUnsafeGuaranteedRef { $0.onBlockSealed(view, into: &proposals) } }
            submitProposals()
        }
        if !perpLiquidators.isEmpty { schedulePerpLiquidators(simulator: &simulator) }
        let nextBlockTime = Double(number + 1) * Double(scenario.chain.blockTime)
        // NOTE: one access to each flag array for its whole loop instead of a checked read and
        // write per agent (≈ 120 instructions each, 15 agents per block in benchmark-day).
        // An arbitrageur that would wake before the next block only to stand aside (its
        // participation draw, made now instead of at the wake-up, says no) is not woken.
        // NOTE: each agent is used unretained (`Unmanaged`, `_withUnsafeGuaranteedRef`: the world's
        // array, a `let` set at build time, keeps it alive): a retain and release per agent
        // and block (15 a block in benchmark-day) cost ≈ 9 M instructions a day (warm-up + 1).
        // An arbitrageur sized at execution that takes part and wakes before the next block joins
        // the chain of wake-ups held out of the queue (World+ArbitrageurWakeUps.swift).
        clearDeferredWakeUps()
        // NOTE: tested first: without arbitrageurs the flags are the shared empty array, which
        // `withUnsafeMutableBufferPointer` copied into a new buffer at every seal (callgrind,
        // empty block: 7,076 -> 6,989 instructions).
        if !arbitrageurWaiting.isEmpty {
            arbitrageurWaiting.withUnsafeMutableBufferPointer { waiting in
                for index in waiting.indices where !waiting[index] {
                    let arbitrageur = Unmanaged.passUnretained(arbitrageurs[index])
                    let (delay, participates) = arbitrageur._withUnsafeGuaranteedRef { $0.drawWakeUp() }
                    let beforeNextBlock = simulator.now + delay < nextBlockTime
                    if !participates, beforeNextBlock { continue }
                    waiting[index] = true
                    if beforeNextBlock, arbitrageur._withUnsafeGuaranteedRef({ $0.sizing }) == .execution {
                        deferArbitrageurWakeUp(index, at: simulator.now + delay, id: simulator.reserve())
                    } else {
                        simulator.schedule(.arbitrageur(index), after: delay, priority: 1)
                    }
                }
            }
        }
        queueFirstDeferredWakeUp(simulator: &simulator)
        if borrowerReactions != nil { wakeBorrowers(at: simulator.now, simulator: &simulator) }
        // NOTE: a liquidator that would wake before the next block and find nothing to do on this
        // sealed state (``Liquidator/proposesNothing(on:)``) is not woken: its wake-up would
        // change nothing (its latency is still drawn, so its stream stays as it was). Most
        // blocks have no unhealthy account: ≈ 1.4 k instructions saved per liquidator and block.
        // The answer depends only on the liquidator's market: the last one is kept (liquidators
        // usually share one market).
        // NOTE: when every delay its latency can draw wakes it before the next block, whether it
        // is idle is asked first, and the delay of a wake-up skipped is drawn later, with the next
        // one it takes (``Liquidator/deferReactionDelay()``): ≈ 40 instructions a liquidator and
        // quiet block (callgrind, benchmark-day: 726.4 M -> 721.1 M instructions, warm-up + 1).
        // NOTE: the kept answer is two locals (market −1: none yet), not an optional tuple, and
        // the seal's time is read once, not through the inout simulator at each liquidator
        // (callgrind: idle block at 10,000 borrowers 19,110 -> 19,017 instructions).
        // NOTE: the idle question reads no mempool: the view is lent without it (a retain and
        // release a block).
        var knownMarket = -1, knownIdle = false
        let now = simulator.now
        withView(at: now, mempool: false) { sealed in
            liquidatorWaiting.withUnsafeMutableBufferPointer { waiting in
                for index in waiting.indices where !waiting[index] {
                    let liquidator = Unmanaged.passUnretained(liquidators[index])
                    func idle() -> Bool {
                        let market = liquidator._withUnsafeGuaranteedRef { $0.market }
                        if market != knownMarket {
                            knownIdle = liquidator._withUnsafeGuaranteedRef { $0.proposesNothing(on: sealed) }
                            knownMarket = market
                        }
                        return knownIdle
                    }
                    let bounded = now + liquidator._withUnsafeGuaranteedRef { $0.latestReactionDelay } < nextBlockTime
                    if bounded, idle() {
                        liquidator._withUnsafeGuaranteedRef { $0.deferReactionDelay() }
                        continue
                    }
                    let delay = liquidator._withUnsafeGuaranteedRef { $0.reactionDelay() }
                    if !bounded, now + delay < nextBlockTime, idle() { continue }
                    waiting[index] = true
                    simulator.schedule(.liquidator(index), after: delay, priority: 1)
                }
            }
        }
    }

    /// Folds one block into the metrics.
    private func account(_ receipt: BlockReceipt) {
        let time = Double(receipt.timestamp)
        // NOTE: the state is lent in place (inout, only read) instead of copied: passing the
        // class's stored struct on as an argument copies it, a retain and release of every
        // buffer (≈ 1.2 k instructions per block). The attack and option accounting read the
        // class's state themselves, after the access ends.
        accountBlock(receipt, at: time, state: &sealedView.state)
        // Tested before the calls, as the seal's other optional parts are.
        if attacker != nil { accountAttack(receipt, at: time) }
        if !optionAgents.settled.isEmpty { accountOptionSettlements(at: time) }
    }

    /// Folds the block's gas, swaps, liquidations, pool deviations, lending and oracle deviation
    /// into the metrics; `state` is the world's state, lent for reading only (it must not be written).
    private func accountBlock(_ receipt: BlockReceipt, at time: Double, state: inout ProtocolState) {
        // NOTE: the lent state is handed on once as a borrowed argument, whose address every
        // call below passes on: each call handing on the inout state itself copied its 152 bytes
        // to a temporary first (≈ 8 calls a block): 966.8 M -> 963.3 M instructions a benchmark day
        // (warm-up + 1).
        accountBlock(receipt, at: time, reading: state)
    }

    /// ``accountBlock(_:at:state:)`` on `state`, borrowed.
    private func accountBlock(_ receipt: BlockReceipt, at time: Double, reading state: ProtocolState) {
        metrics.blocks += 1
        metrics.gasUsed += receipt.gasUsed
        metrics.transactions += receipt.executed + receipt.reverted
        metrics.revertedTransactions += receipt.reverted
        metrics.droppedTransactions += receipt.dropped
        let native = chain.config.nativeAsset
        var moment = Valuation.Moment(valuation, at: time)
        // NOTE: the outcomes are read in place: `for entry in receipt.outcomes` may copy each
        // (an outlined copy and consume of the outcome, ≈ 45 instructions a block in benchmark-day
        // when the compiler chose it).
        for index in receipt.outcomes.indices where receipt.outcomes[index].gasPaid > 0 {
            metrics.gasCost += moment.value(receipt.outcomes[index].gasPaid, of: native, state: state)
        }
        // NOTE: the records' fields are read in place: `for record in stepLog` copied each record
        // (a copy of the whole record, a retain and release of its agent's name); with the lending
        // and cascade passes alike, 971.8 M -> 966.8 M instructions a benchmark day (warm-up + 1).
        // Swaps and liquidations are tallied in one pass (a second pass over the records for the
        // liquidations: 920.1 M -> 918.5 M instructions a benchmark day, warm-up + 1).
        // NOTE: a pool's fee fraction is one division (``ConstantProductPool/feeFraction``), not
        // the conversion that cost ≈ 40 instructions a swap and was cached per pool.
        let arbitrageurMask = self.arbitrageurMask
        for index in stepLog.indices where stepLog[index].executed {
            let kind = stepLog[index].kind
            if kind.isLiquidation {
                metrics.liquidations = (metrics.liquidations ?? 0) + 1
                // The debt repaid: the input less an English auction's penalty (its winning bid
                // above the debt, paid to the insurance fund); only a settlement's record is read
                // (reading every liquidation's optional record copied it: ≈ 0.8 M instructions a
                // benchmark day, warm-up + 1; callgrind).
                if let asset = stepLog[index].assetIn {
                    let penalty = kind == .auctionSettle ? stepLog[index].liquidation?.penalty ?? 0 : 0
                    let repaid = stepLog[index].amountIn - penalty
                    metrics.liquidatedVolume = (metrics.liquidatedVolume ?? 0) + moment.value(repaid, of: asset, state: state)
                }
                continue
            }
            guard kind.isSwap, let input = stepLog[index].assetIn else { continue }
            let value = moment.value(stepLog[index].amountIn, of: input, state: state)
            metrics.swaps += 1
            metrics.swapVolume += value
            metrics.swapFees += state.swapFee(kind: kind, pool: stepLog[index].pool, paid: value, received: stepLog[index].assetOut
                .map { moment.value(stepLog[index].amountOut, of: $0, state: state) } ?? 0)
            let agent = stepLog[index].agent
            let byArbitrageur = if let arbitrageurMask { agent.isIn(arbitrageurMask) } else { arbitrageurTags.contains(agent) }
            if byArbitrageur { metrics.arbitrageTrades += 1 }
        }
        // NOTE: margin shorts' pool trades are tallied in a pass of their own, made only in a world
        // with margin venues: the pass above does no more work a record than before. Called from
        // `account(_:)` with prices of its own instead, the pass outlined that function from the
        // seal (+162 k instructions a benchmark day, warm-up + 1; callgrind).
        if hasMarginVenues { accountMarginPoolTrades(&moment, state: state) }
        // NOTE: the pools' and the oracles' deviations read the same reference prices (two
        // reference-market reads a block fewer in benchmark-day, ≈ 66 instructions each), through
        // the moment that valued the gas and swaps, which reads each USD price once for all three
        // (621.9 M -> 620.5 M instructions a benchmark day, warm-up + 1).
        accountPoolDeviations(&moment, pools: state.pools)
        accountLending(timestamp: receipt.timestamp, state: state)
        accountOracleDeviation(&moment, timestamp: receipt.timestamp, state: state)
    }

    /// Counts the pool trades the margin venues made for the block's executed `open_short` and
    /// `close_short` steps as swaps: their input's value (``StepRecord/marginPoolSale(pools:)``)
    /// at the reference prices of `prices`' moment in the volume, the pool's fee fraction of it
    /// in the fees.
    @inline(never)
    private func accountMarginPoolTrades(_ prices: inout Valuation.Moment, state: ProtocolState) {
        for index in stepLog.indices where stepLog[index].executed {
            guard let sale = stepLog[index].marginPoolSale(pools: state.pools) else { continue }
            let value = prices.value(sale.amount, of: sale.asset, state: state)
            metrics.swaps += 1
            metrics.swapVolume += value
            metrics.swapFees += state.swapFee(kind: .swap, pool: stepLog[index].pool, paid: value, received: 0)
        }
    }

    /// Folds the deviation |spot price / reference − 1| of each of `pools` (0 when the reference
    /// is not positive) into the metrics, with the reference prices of `prices`' moment.
    /// - Complexity: O(pools), plus a spot-price conversion per pool whose reserves changed.
    @inline(__always)
    private func accountPoolDeviations(_ prices: inout Valuation.Moment, pools: [PoolVenue]) {
        // NOTE: the venues' fields are read in place: `for venue in pools` copied each venue (its
        // name and spot-price cache, ≈ 190 instructions a block). The sums and the maximum are
        // kept in locals and stored once, not in the class's properties at each pool; a pool's
        // reference is read once for a run of pools of the same tokens; the spot prices of pools
        // whose reserves did not change are not converted again (``PoolSpotPrices``). Per block
        // (callgrind, many-pools.py, (2 h − 12 s) / 1,198): 1,000 pools, one traded, 160.0 k →
        // 100.0 k instructions; 100 pools 29.9 k → 23.4 k.
        var deviations = 0.0, runningSum = deviationSum, largest = metrics.maxPoolDeviation ?? 0
        var pair: (token0: AssetID, token1: AssetID, reference: Double)?
        for index in pools.indices {
            let token0 = pools[index].token0, token1 = pools[index].token1
            let reference: Double
            if let pair, pair.token0 == token0, pair.token1 == token1 {
                reference = pair.reference
            } else {
                reference = referencePrice(ofPoolOf: token0, token1, prices: &prices)
                pair = (token0, token1, reference)
            }
            let spotPrice = poolSpotPrices.price(of: pools[index].pool, at: index)
            let deviation = reference > 0 ? abs(spotPrice / reference - 1) : 0
            deviations += deviation
            runningSum += deviation
            largest = max(largest, deviation)
        }
        if !pools.isEmpty {
            metrics.maxPoolDeviation = largest
            deviationSum = runningSum
            deviationCount += pools.count
            metrics.finalPoolDeviation = deviations / Double(pools.count)
        }
    }

    /// The reference price of `token0` in `token1` at the moment of `prices`, a pool's reference
    /// (an asset outside the reference market, such as an LP share, counts as 0 in token0, 1 in token1).
    func referencePrice(ofPoolOf token0: AssetID, _ token1: AssetID, prices: inout Valuation.Moment) -> Double {
        let price0 = token0.index < market.assetCount ? prices.usdPrice(ofMarketAsset: token0.index) : 0
        let price1 = token1.index < market.assetCount ? prices.usdPrice(ofMarketAsset: token1.index) : 1
        return price0 / price1
    }

    private func blockRow(block: Int, receipt: BlockReceipt?) -> BlockRow {
        let time = Double(block) * Double(scenario.chain.blockTime)
        return BlockRow(
            time: time, block: block,
            referencePrices: (0..<market.assetCount).map { market.price(asset: $0, block: block) },
            pools: state.pools.indices.map { index in
                (poolSpotPrices.price(of: state.pools[index].pool, at: index),
                 state.pools[index].pool.reserve0, state.pools[index].pool.reserve1)
            },
            gasPrice: Double(receipt?.gasPrice ?? 0) / 1e9, gasUsed: receipt?.gasUsed ?? 0,
            executed: receipt?.executed ?? 0, reverted: receipt?.reverted ?? 0, dropped: receipt?.dropped ?? 0,
            markets: marketSeries(at: chain.timestamp(ofBlock: block)), oracles: oracleSeries(at: chain.timestamp(ofBlock: block)),
            paused: pauseStates(at: Int64(time) + Int64(scenario.chain.blockTime)), vaultGreeks: vaultGreeks(),
            stablePools: stablePoolSeries(), shareVaults: shareVaultSeries(),
            perpMarkets: perpMarketSeries(at: chain.timestamp(ofBlock: block)))
    }

    /// End-of-run metrics: P&L per population at end reference prices.
    private func finish() throws -> RunMetrics {
        if options.checkInvariants { try state.checkAllInvariants() }
        let end = Double(scenario.blockCount) * Double(scenario.chain.blockTime)
        metrics.endTime = end
        metrics.meanPoolDeviation = deviationCount > 0 ? deviationSum / Double(deviationCount) : nil
        func pnl(_ accounts: [AccountID]) -> Double? {
            guard !accounts.isEmpty else { return nil }
            return accounts.reduce(0.0) { total, account in
                let initial = (initialHoldings[account] ?? []).reduce(0.0) { sum, holding in
                    sum + valuation.value(holding.1, of: holding.0, at: end, state: state)
                }
                return total + valuation.wealth(of: account, at: end, state: state) - initial
            }
        }
        metrics.arbitrageurPnl = pnl(arbitrageurAccounts)
        metrics.lpPnl = pnl(liquidityProviderAccounts)
        metrics.noiseTraderPnl = pnl(noiseTraderAccounts)
        metrics.lpWithdrawals = liquidityProviders.reduce(0) { $0 + $1.withdrawals }
        let (holdings, underwater) = partyHoldingsAndUnderwaterDebt(walkAwayAt: end)
        finishLending(at: end, underwater: underwater)
        finishDefences()
        self.pnl = partyPnL(holdings, at: end)
        finishAttack(self.pnl)
        finishOptions(self.pnl)
        if options.checkInvariants { try checkPnLSums() }
        return metrics
    }
}
