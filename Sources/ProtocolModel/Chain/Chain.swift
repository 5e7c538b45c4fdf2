/// The chain's fixed parameters.
public struct ChainConfig: Sendable {
    /// Seconds between blocks; block k has timestamp k·blockTime.
    public var blockTime: Int64
    /// The most gas one block may hold.
    public var blockGasLimit: UInt64
    public var gas: GasSchedule
    /// The asset gas is paid in (ETH on Ethereum).
    public var nativeAsset: AssetID
    /// The account that receives gas payments (the block builder).
    public var feeRecipient: AccountID

    public init(blockTime: Int64, blockGasLimit: UInt64, gas: GasSchedule, nativeAsset: AssetID, feeRecipient: AccountID) {
        self.blockTime = blockTime
        self.blockGasLimit = blockGasLimit
        self.gas = gas
        self.nativeAsset = nativeAsset
        self.feeRecipient = feeRecipient
    }
}

/// What a sealed block did.
public struct BlockReceipt: Sendable {
    public var number: Int
    public var timestamp: Int64
    /// Base gas price of the block, wei per gas unit.
    public var gasPrice: UInt64
    public var gasUsed: UInt64
    public var executed: Int
    public var reverted: Int
    /// Transactions not included: their sender could not pay the gas, or a block-closing bundle
    /// did not execute.
    public var dropped: Int
    /// The transactions offered to the block, in execution order, with their outcomes (dropped
    /// ones too).
    public var outcomes: [TransactionReceipt]

    /// Counts transaction `id` of `sender` as dropped and lists it with no gas paid.
    mutating func drop(_ id: Int, sender: AccountID) {
        dropped += 1
        outcomes.append(TransactionReceipt(id: id, sender: sender, outcome: .dropped, gasPaid: 0))
    }
}

/// What one transaction offered to a block did: its id and sender, not the whole transaction
/// (copying and destroying its steps per block cost ≈ 2.7 k instructions a block; callgrind).
public struct TransactionReceipt: Sendable, Equatable {
    /// The transaction's ``Transaction/id``.
    public var id: Int
    /// Its sender, who paid the gas.
    public var sender: AccountID
    public var outcome: TransactionOutcome
    /// Gas paid, raw units of the native asset (0 when dropped).
    public var gasPaid: UInt128

    public init(id: Int, sender: AccountID, outcome: TransactionOutcome, gasPaid: UInt128) {
        self.id = id
        self.sender = sender
        self.outcome = outcome
        self.gasPaid = gasPaid
    }
}

/// Blocks, the mempool and gas (DESIGN.md §2 "Time and blocks").
///
/// A block executes the transactions submitted before its timestamp whose base-fee cap is at
/// least its base gas price (``Transaction/baseFeeCap``: a capped one waits) — private bundles first,
/// then by priority fee (highest first), then by arrival, and the bundles that close the block
/// last (in arrival order; included only when they execute, else they pay nothing) — as long as
/// they fit in
/// `blockGasLimit` (a transaction that does not fit waits; smaller later ones may still enter),
/// each on the state the previous one left. Every included transaction pays
/// (gas price + priority fee) × gas units in the native asset to the fee recipient, also when it
/// reverts.
public struct Chain: Sendable {
    public let config: ChainConfig
    /// Transactions waiting for a block, in arrival order.
    public private(set) var mempool: [Transaction] = []
    /// The next transaction id.
    private var nextTransactionID = 1
    /// How many transactions of each sender wait in the mempool, by account index (as long as the
    /// largest sender's index seen + 1), once ``countPendingBySender()`` has switched the count
    /// on (empty before). Kept in step with the mempool by ``submit(_:)`` and
    /// ``removeIncluded(atPositions:)``, so ``hasPending(from:in:)`` is O(1) however long it is.
    public private(set) var pendingBySender: [Int32] = []
    /// Whether ``pendingBySender`` is kept.
    ///
    /// NOTE: off until an owner asks. Kept for every transaction, and lent to every arbitrageur,
    /// the counts cost 2.7 M instructions a benchmark day (1.4 %; through the array's uniqueness
    /// and bounds checks), where no agent reads them; off there, and lent only to the agents that
    /// read them, 0.4 M (191.8 → 192.2 M a replication; callgrind, plain release build).
    public private(set) var countsPendingBySender = false
    /// Number of the last sealed block (−1 before the first).
    public private(set) var lastSealedBlock = -1
    /// Scratch: the eligible transactions of the block being produced, in block order: the first
    /// `selectionCount` keys (kept between blocks, at least as long as the mempool, so ordering a
    /// block allocates nothing and clears nothing).
    private var selection: [BlockOrderKey] = []
    /// The number of keys of `selection` that belong to the block being produced.
    private var selectionCount = 0
    /// Scratch flags by mempool index: whether the block being produced included it (kept
    /// between blocks, at least as long as the mempool, so producing a block allocates nothing
    /// for it). All false between blocks: ``removeIncluded(atPositions:)`` clears the flags it reads.
    private var included: [Bool] = []
    /// The last receipt's outcomes, kept so the next block reuses their buffer once the caller
    /// has let that receipt go (no allocation per block).
    private var outcomeBuffer: [TransactionReceipt] = []
    /// One-step lists of transactions that left the mempool, for ``oneStep(_:)`` to reuse (at
    /// most ``spareStepLimit``).
    private var spareSteps: [[Step]] = []
    /// The most spare lists kept (a block of benchmark-day includes about five transactions).
    private static let spareStepLimit = 16
    /// Two-step lists of transactions that left the mempool, for ``twoSteps(_:_:)`` to reuse (at
    /// most ``spareStepPairLimit``).
    private var spareStepPairs: [[Step]] = []
    /// The most spare two-step lists kept: benchmark-day's liquidators send a few hundred
    /// liquidations after a block of its cascade (with 128 kept, more than half of them still
    /// allocated a new list).
    // NOTE: the ≈ 3.5 k two-step lists a replication still allocates are the cascade's peak of
    // pending liquidations: with 16,384 kept they are freed at the end instead (567.3 M → 567.4 M
    // a benchmark day, warm-up + 1, plain build; callgrind). Steps held inline instead of in these
    // lists (a transaction of ≤ 2 steps in an `InlineArray<2, Step>`, no spare lists): 662.0 M,
    // the 272-byte transactions moved by memcpy at each hand-over (submission, proposals, the
    // mempool) and the step dispatch outlined.
    private static let spareStepPairLimit = 1024
    /// The last arbitrage the block-closing bundles' check asked of a pool (a back-run pair's
    /// second bundle asks the same of the same pool); forgotten before a transaction runs and
    /// after each block.
    private var arbitrageMemo = ArbitrageMemo()

    public init(config: ChainConfig) {
        self.config = config
        // NOTE: buffers of their own from the start: while the mempool has never held a
        // transaction, the lists are empty, and asking the shared empty array for its mutable
        // buffer made a new one at every block (two a block; empty block 6.83 k → 6.73 k
        // instructions; callgrind). Testing for an empty mempool instead cost the benchmark day's
        // busy blocks more than it saved (637.2 M → 637.4 M a day, warm-up + 1).
        selection.reserveCapacity(Self.initialScratchCapacity)
        included.reserveCapacity(Self.initialScratchCapacity)
    }

    /// The room the block scratch lists start with (a benchmark-day block orders ≈ 6).
    private static let initialScratchCapacity = 16

    /// Queues a transaction; assigns and returns its id.
    @discardableResult
    public mutating func submit(_ transaction: consuming Transaction) -> Int {
        // NOTE: consumed and moved into the mempool: no copy of the transaction (two copies and
        // destroys were ≈ 220 instructions a transaction; callgrind).
        let id = nextTransactionID
        nextTransactionID += 1
        transaction.id = id
        if countsPendingBySender { countSubmitted(from: transaction.sender.index) }
        mempool.append(transaction)
        return id
    }

    /// Switches ``pendingBySender`` on, counting the transactions already waiting.
    /// - Complexity: O(mempool) the first time, O(1) after.
    public mutating func countPendingBySender() {
        guard !countsPendingBySender else { return }
        countsPendingBySender = true
        for transaction in mempool { countSubmitted(from: transaction.sender.index) }
    }

    private mutating func countSubmitted(from sender: Int) {
        if sender >= pendingBySender.count {
            pendingBySender.append(contentsOf: repeatElement(0, count: sender + 1 - pendingBySender.count))
        }
        pendingBySender[sender] &+= 1
    }

    /// Whether `counts` (``pendingBySender``) counts a transaction of `sender`. O(1).
    public static func hasPending(from sender: AccountID, in counts: [Int32]) -> Bool {
        sender.index >= 0 && sender.index < counts.count && counts[sender.index] > 0
    }

    /// A one-step list holding `step`, for a transaction to submit: the list of a transaction
    /// that left the mempool when one is spare, else a new one.
    // NOTE: most transactions have one step; a new list for each was allocated by its agent and
    // freed when a block included it (≈ 470 instructions a transaction; the noise traders' and
    // arbitrageurs' lists reused: 889.6 M → 876.8 M instructions a benchmark day, warm-up + 1;
    // callgrind).
    public mutating func oneStep(_ step: consuming Step) -> [Step] {
        guard var steps = spareSteps.popLast() else { return [step] }
        steps.withUnsafeMutableBufferPointer { slots in Self.replace(slots.baseAddress!, with: &step) }
        return steps
    }

    /// A two-step list holding `first` then `second`, for a transaction to submit: the list of a
    /// transaction that left the mempool when one is spare, else a new one.
    // NOTE: a liquidation (`liquidate` + `swap`) allocated a new list, freed when a block included
    // it, like the one-step lists of ``oneStep(_:)`` (≈ 24 k liquidations a benchmark day, warm-up
    // + 1: 805.5 M → 801.3 M instructions; callgrind). The steps are moved in with `consume`:
    // assigned plainly, one was copied and the original destroyed (801.3 M → 798.1 M).
    public mutating func twoSteps(_ first: consuming Step, _ second: consuming Step) -> [Step] {
        guard var steps = spareStepPairs.popLast() else { return [first, second] }
        steps.withUnsafeMutableBufferPointer { slots in
            Self.replace(slots.baseAddress!, with: &first)
            Self.replace(slots.baseAddress! + 1, with: &second)
        }
        return steps
    }

    /// Moves `step` into `slot` in place of the step there, leaving `step` a step that holds
    /// nothing.
    // NOTE: only a wallet call holds a reference (its boxed step): any other step is written over
    // without being destroyed. An assignment destroyed the old step through the enum's value
    // witness (≈ 50 instructions, 94 k list reuses a benchmark day, warm-up + 1; callgrind).
    @inline(__always)
    private static func replace(_ slot: UnsafeMutablePointer<Step>, with step: inout Step) {
        if case .walletCall = slot.pointee { slot.deinitialize(count: 1) }
        slot.initialize(to: consume step)
        step = .updateTwap(oracle: 0)  // any step that holds nothing
    }

    /// Timestamp of block `number`.
    public func timestamp(ofBlock number: Int) -> Int64 { Int64(number) * config.blockTime }

    /// Builds, executes and seals block `number` on `state` (sealing: TWAP snapshots and
    /// interest accrual, ``ProtocolState/seal(timestamp:)``).
    ///
    /// `liquidationDetail`: ``ExecutionContext/liquidationDetail``.
    ///
    /// - Throws: ``InvariantViolation`` when `checkInvariants` finds a broken invariant after a
    ///   transaction (a bug in the model).
    public mutating func produceBlock(
        _ number: Int, gasPrice: UInt64, state: inout ProtocolState, checkInvariants: Bool,
        recordSteps: Bool, liquidationDetail: Bool = true, log: inout [StepRecord]
    ) throws(InvariantViolation) -> BlockReceipt {
        let timestamp = timestamp(ofBlock: number)
        let context = ExecutionContext(block: number, timestamp: timestamp, recordSteps: recordSteps,
                                       liquidationDetail: liquidationDetail)
        let eligibleSteps = orderEligible(before: Double(timestamp), baseFee: gasPrice)
        // NOTE: room for a record per eligible step (and an unpaid flash loan's) is made before the
        // block, by doubling: a log grown record by record in a busy block had its records moved
        // through the array's unspecialised generic growth: 876.7 M → 873.4 M instructions a
        // benchmark day, warm-up + 1 (callgrind).
        if recordSteps, log.capacity - log.count < eligibleSteps + selectionCount {
            log.reserveCapacity(max(log.count + eligibleSteps + selectionCount, 2 * log.capacity))
        }
        var receipt = BlockReceipt(number: number, timestamp: timestamp, gasPrice: gasPrice, gasUsed: 0,
                                   executed: 0, reverted: 0, dropped: 0, outcomes: [])
        swap(&receipt.outcomes, &outcomeBuffer)
        if !receipt.outcomes.isEmpty { receipt.outcomes.removeAll(keepingCapacity: true) }
        // NOTE: asked only when the reused buffer is short: `reserveCapacity` is a call with a
        // uniqueness check even when it has nothing to do (≈ 30 instructions a block: 724.8 M →
        // 724.3 M a benchmark day, warm-up + 1; callgrind).
        if receipt.outcomes.capacity < selectionCount { receipt.outcomes.reserveCapacity(selectionCount) }
        // NOTE: flags by mempool index and an in-place compaction instead of a `Set<Int>` and a
        // rebuilt mempool: no hashing and no allocation per block (full benchmark day, callgrind).
        // NOTE: the list only grows: emptying and refilling it went through the array's generic
        // `replaceSubrange` and `append(contentsOf:)`, ≈ 190 instructions a block (callgrind).
        let pendingCount = mempool.count
        if included.count < pendingCount { included.append(contentsOf: repeatElement(false, count: pendingCount - included.count)) }
        var includedCount = 0
        // NOTE: the block's first 64 positions included are bits of a local, written to the flags
        // through one access after the loop: a flag written per transaction checked the list's
        // uniqueness and bounds, and the flags were cleared at each block (benchmark-day, warm-up
        // + 1: 537.64 M → 537.29 M instructions; callgrind).
        var includedPositions: UInt64 = 0
        // NOTE: the mempool is moved out, and each transaction's steps are moved out of it while
        // it runs, then moved back: `mempool[index]` copied and destroyed each transaction, and
        // passing it on copied it again; read through a pointer, its steps (and then String name)
        // were retained and released (≈ 27 instructions a transaction: 957.4 M → 955.2 M a
        // benchmark day, warm-up + 1; callgrind).
        // NOTE: walking the moved-out mempool and flags through their buffers (no uniqueness
        // check for each transaction's steps and flag, ≈ 11 a block) put the loop in a closure:
        // 575.3 M → 582.1 M instructions a benchmark day; `include` out of line: 594.0 M
        // (warm-up + 1, plain build; callgrind).
        var pending: [Transaction] = []
        swap(&pending, &mempool)
        do {
            defer { swap(&pending, &mempool) }
            for position in 0..<selectionCount {
                let key = selection[position]
                var steps: [Step] = []
                swap(&steps, &pending[key.index].steps)
                let agent = pending[key.index].agent
                let transaction = (id: pending[key.index].id, sender: pending[key.index].sender,
                                   priorityFee: pending[key.index].priorityFee, closesBlock: pending[key.index].closesBlock)
                let leaves: Bool
                do {
                    // NOTE: the gas schedule's 41 fields are copied to the frame once a block for the
                    // inlined `units(of:)` (≈ 85 instructions a block, 0.2 % of a benchmark day).
                    // Its per-kind switch out of line: 567.7 M instead of 567.3 M (a memcpy of the
                    // schedule instead); the schedule in a class box: 572.3 M (warm-up + 1; callgrind).
                    leaves = try steps.withUnsafeBufferPointer { (steps) throws(InvariantViolation) -> Bool in
                        let units = config.gas.units(of: steps)
                        guard receipt.gasUsed + units <= config.blockGasLimit else { return false }
                        if position < UInt64.bitWidth { includedPositions |= 1 << position } else { included[key.index] = true }
                        includedCount += 1
                        // A one-step bundle that swaps to a price is directed as the pool must move
                        // now, and then checked and run as a directed swap.
                        if transaction.closesBlock, steps.count == 1, case .swapToPrice = steps[0] {
                            let directed = state.directedSwap(steps.baseAddress!, memo: &arbitrageMemo)
                            try withUnsafePointer(to: directed) { (step) throws(InvariantViolation) in
                                try include(transaction, steps: UnsafeBufferPointer(start: step, count: 1), agent: agent, units: units,
                                            gasPrice: gasPrice, context: context, state: &state, checkInvariants: checkInvariants,
                                            log: &log, receipt: &receipt)
                            }
                        } else {
                            try include(transaction, steps: steps, agent: agent, units: units, gasPrice: gasPrice, context: context,
                                        state: &state, checkInvariants: checkInvariants, log: &log, receipt: &receipt)
                        }
                        return true
                    }
                } catch {
                    swap(&steps, &pending[key.index].steps)
                    included.withUnsafeMutableBufferPointer { $0.update(repeating: false) }
                    throw error
                }
                // An included transaction's one-step (two-step) list is kept for ``oneStep(_:)``
                // (``twoSteps(_:_:)``): the transaction leaves the mempool after the block.
                // NOTE: moved into the spare lists (`consume`, outside a `defer`): appended from a
                // `defer`, the list was retained, then released with the local (≈ 40 instructions a
                // transaction: 743.1 M → 741.6 M a benchmark day, warm-up + 1; callgrind).
                if leaves, steps.count == 1, spareSteps.count < Self.spareStepLimit {
                    spareSteps.append(consume steps)
                } else if leaves, steps.count == 2, spareStepPairs.count < Self.spareStepPairLimit {
                    spareStepPairs.append(consume steps)
                } else {
                    swap(&steps, &pending[key.index].steps)
                }
            }
        }
        if includedCount > 0 { removeIncluded(atPositions: includedPositions) }
        arbitrageMemo.forget()
        // The seal and the agents deciding on the sealed state read the oracles.
        state.refreshSpotPrices()
        state.seal(timestamp: timestamp)
        lastSealedBlock = number
        outcomeBuffer = receipt.outcomes
        // NOTE: consumed: the receipt, captured by the transactions' closure, was returned as a
        // copy and the local destroyed (≈ 90 instructions a block with their retain and release:
        // 724.3 M → 722.9 M a benchmark day, warm-up + 1; callgrind).
        return consume receipt
    }

    /// Charges the gas of `transaction` (`units` at `gasPrice` plus its priority fee) and runs its
    /// `steps` on `state` as `agent`'s, appending its outcome to `receipt`: dropped when the
    /// sender cannot pay, or when a block-closing bundle does not execute (then nothing of it
    /// stands).
    private mutating func include(
        _ transaction: (id: Int, sender: AccountID, priorityFee: UInt64, closesBlock: Bool), steps: UnsafeBufferPointer<Step>,
        agent: AgentTag, units: UInt64, gasPrice: UInt64,
        context: ExecutionContext, state: inout ProtocolState, checkInvariants: Bool, log: inout [StepRecord],
        receipt: inout BlockReceipt
    ) throws(InvariantViolation) {
        // NOTE: a block-closing bundle whose first step would swap nothing (a back-run of the
        // direction the pool does not need, or one below its minimum profit: ≈ 12.6 k a
        // replication of benchmark-day) is dropped before its gas is charged, run and rolled
        // back; the outcome is the same (897.6 M → 889.6 M instructions a benchmark day,
        // warm-up + 1; callgrind).
        // NOTE: the input the check computed is handed to the swap when the gas payment left it
        // the same, instead of evaluated again (the pool's arbitrage, the quote and the profit's
        // divisions, ≈ 700 instructions an executed back-run): 635.9 M → 634.5 M instructions a
        // benchmark day, warm-up + 1; idle block 18,683 → 18,559 (callgrind). A 0 input means
        // none is handed on (a nonzero one is checked, a zero one is dropped above).
        var firstInput: UInt128 = 0
        if transaction.closesBlock, let first = steps.baseAddress,
           let input = state.toPriceSwapInput(first, sender: transaction.sender, memo: &arbitrageMemo) {
            firstInput = input
            if input == 0 {
                receipt.drop(transaction.id, sender: transaction.sender)
                return
            }
        }
        arbitrageMemo.forget()
        let start = state.checkpoint()
        let price = UInt128(gasPrice) + UInt128(transaction.priorityFee)
        let fee = UInt128(units) * price
        do {
            try state.ledger.transfer(config.nativeAsset, amount: fee, from: transaction.sender, to: config.feeRecipient)
        } catch {
            state.rollback(to: start)
            receipt.drop(transaction.id, sender: transaction.sender)
            return
        }
        let logStart = log.count
        var transactionContext = context
        transactionContext.keepsRevertedRecords = !transaction.closesBlock
        if firstInput > 0, !state.toPriceSwapInput(firstInput, holdsFor: steps.baseAddress!, sender: transaction.sender) {
            firstInput = 0
        }
        let outcome = state.runSteps(steps, sender: transaction.sender, transaction: transaction.id,
                                     agent: agent, context: transactionContext, firstInput: firstInput, log: &log)
        if transaction.closesBlock, !outcome.isExecuted {
            // The builder includes a block-closing bundle only when it runs (no gas otherwise).
            state.rollback(to: start)
            if log.count > logStart { log.removeSubrange(logStart...) }
            receipt.drop(transaction.id, sender: transaction.sender)
            return
        }
        receipt.gasUsed += units
        if case .executed = outcome { receipt.executed += 1 } else { receipt.reverted += 1 }
        receipt.outcomes.append(TransactionReceipt(id: transaction.id, sender: transaction.sender, outcome: outcome, gasPaid: fee))
        if checkInvariants { try state.checkInvariants(since: start) }
        state.commit()
    }

    /// Removes from the mempool the transactions the block included — those at the block
    /// positions of the set bits of `positions` (positions 0–63) and those flagged in `included`
    /// (later positions) — keeping the others in arrival order, and clears the flags. O(mempool).
    private mutating func removeIncluded(atPositions positions: UInt64) {
        // NOTE: through buffers: each flag read and swap checked bounds and uniqueness (with the
        // buffered ordering below, 971.8 M → 968.3 M a benchmark day, warm-up + 1; callgrind).
        // NOTE: counted apart, and only when kept: a decrement in the loop below made the
        // optimiser take the counts unique at every block, also when they are not kept (a new
        // empty array a block; callgrind).
        if countsPendingBySender { uncountIncluded(atPositions: positions) }
        let kept = mempool.withUnsafeMutableBufferPointer { transactions in
            included.withUnsafeMutableBufferPointer { included in
                selection.withUnsafeBufferPointer { selection in
                    var bits = positions
                    while bits != 0 {
                        included[selection[bits.trailingZeroBitCount].index] = true
                        bits &= bits - 1
                    }
                }
                var kept = 0
                for index in transactions.indices {
                    if included[index] {
                        included[index] = false
                        continue
                    }
                    if kept != index { transactions.swapAt(kept, index) }
                    kept += 1
                }
                return kept
            }
        }
        // NOTE: `removeSubrange` destroys the included transactions through the runtime's generic
        // `swift_arrayDestroy` (≈ 360 instructions a block), but popping them one by one cost more:
        // 574.5 M → 575.9 M instructions a benchmark day (warm-up + 1; callgrind).
        mempool.removeSubrange(kept...)
    }

    /// Takes the transactions ``removeIncluded(atPositions:)`` is about to remove out of
    /// ``pendingBySender``: those at the block positions of the set bits of `positions`, and those
    /// flagged in `included`. O(mempool).
    private mutating func uncountIncluded(atPositions positions: UInt64) {
        pendingBySender.withUnsafeMutableBufferPointer { counts in
            mempool.withUnsafeBufferPointer { transactions in
                selection.withUnsafeBufferPointer { selection in
                    var bits = positions
                    while bits != 0 {
                        counts[transactions[selection[bits.trailingZeroBitCount].index].sender.index] &-= 1
                        bits &= bits - 1
                    }
                }
                included.withUnsafeBufferPointer { included in
                    for index in transactions.indices where included[index] {
                        counts[transactions[index].sender.index] &-= 1
                    }
                }
            }
        }
    }

    /// Fills `selection` with the mempool transactions submitted before `time` whose base-fee cap
    /// admits `baseFee`, in block order: private first, then priority fee descending, then
    /// arrival (id) ascending; bundles that close the block last. Returns the number of their
    /// steps.
    private mutating func orderEligible(before time: Double, baseFee: UInt64) -> Int {
        // NOTE: the keys are written over the last block's through buffers: emptying the list
        // went through the array's generic `replaceSubrange`, and each append and mempool read
        // checked uniqueness or bounds (≈ 120 instructions a block; callgrind).
        if selection.count < mempool.count {
            let filler = BlockOrderKey(index: 0, id: 0, priorityFee: 0, isPrivate: false, closesBlock: false)
            selection.append(contentsOf: repeatElement(filler, count: mempool.count - selection.count))
        }
        let (count, steps) = mempool.withUnsafeBufferPointer { transactions in
            selection.withUnsafeMutableBufferPointer { keys in
                var count = 0, steps = 0
                for index in transactions.indices where transactions[index].submittedAt < time && transactions[index].baseFeeCap >= baseFee {
                    let transaction = transactions.baseAddress! + index
                    keys[count] = BlockOrderKey(index: index, id: transaction.pointee.id, priorityFee: transaction.pointee.priorityFee,
                                                isPrivate: transaction.pointee.isPrivate, closesBlock: transaction.pointee.closesBlock)
                    count += 1
                    steps += transaction.pointee.steps.count
                }
                // NOTE: sorted by small keys copied once, not by transactions read from a copy of
                // the mempool (each comparison copied and destroyed two transactions; callgrind).
                BlockOrderKey.sortInBlockOrder(UnsafeMutableBufferPointer(rebasing: keys[..<count]))
                return (count, steps)
            }
        }
        selectionCount = count
        return steps
    }
}

/// What orders a mempool transaction in a block, and where it is in the mempool.
struct BlockOrderKey {
    let index: Int
    let id: Int
    let priorityFee: UInt64
    let isPrivate: Bool
    let closesBlock: Bool

    /// Whether `a` goes before `b`: bundles that close the block last, private first, then
    /// priority fee descending, then arrival (id) ascending.
    static func precedes(_ a: BlockOrderKey, _ b: BlockOrderKey) -> Bool {
        if a.closesBlock != b.closesBlock { return b.closesBlock }
        if a.isPrivate != b.isPrivate { return a.isPrivate }
        if a.priorityFee != b.priorityFee { return a.priorityFee > b.priorityFee }
        return a.id < b.id
    }

    /// Sorts `keys` in block order (``precedes(_:_:)``).
    // NOTE: a block's handful of keys (≈ 6 in benchmark-day) are sorted by insertion in place:
    // the standard sort called its comparator through a closure, ≈ 520 instructions a block
    // (callgrind). Longer lists take the standard sort. Ids are unique, so the order is total and
    // both give the same result. The order as one 128-bit rank compared at once: 564.6 M →
    // 565.8 M a benchmark day, warm-up + 1 (the sort −0.7 M, but `orderEligible`'s loop outlined).
    static func sortInBlockOrder(_ keys: UnsafeMutableBufferPointer<BlockOrderKey>) {
        guard keys.count > 1 else { return }
        var keys = keys
        guard keys.count <= 16 else { keys.sort(by: precedes); return }
        for next in 1..<keys.count {
            let key = keys[next]
            var slot = next
            while slot > 0, precedes(key, keys[slot - 1]) {
                keys[slot] = keys[slot - 1]
                slot -= 1
            }
            keys[slot] = key
        }
    }
}
