import ProtocolModel

extension ReserveSpec {
    /// Decodes `reserves:` in order.
    static func decodeAll(_ node: InputNode, references: References) throws -> [ReserveSpec] {
        try node.mappingEntries().map { try ReserveSpec(id: $0.key, node: $0.value, references: references) }
    }

    init(id: String, node: InputNode, references: References) throws {
        let map = try node.mapping(allowedKeys: ["x", "y", "min_price", "max_price", "rate", "inventory_x", "inventory_y"])
        self.id = id
        let yNode = try map.required("y")
        x = try references.asset(map.required("x"))
        y = try references.asset(yNode)
        guard x != y else { throw InputError("\(yNode.path): a reserve needs two different assets", at: yNode.location) }
        let (minNode, maxNode, rateNode) = (try map.required("min_price"), try map.required("max_price"), try map.required("rate"))
        minPrice = try minNode.decimalText()
        maxPrice = try maxNode.decimalText()
        rate = try rateNode.decimalText()
        let inventoryXNode = try map.required("inventory_x"), inventoryYNode = try map.required("inventory_y")
        inventoryX = try inventoryXNode.decimalText()
        inventoryY = try inventoryYNode.decimalText()
        let minWad = try VenueNumbers.positiveWad(minPrice, node: minNode)
        let maxWad = try VenueNumbers.positiveWad(maxPrice, node: maxNode)
        guard minWad < maxWad else {
            throw InputError("\(maxNode.path): max_price must be above min_price (\(minPrice))", at: maxNode.location)
        }
        let reserve = AutomatedPriceReserve(
            decimalsX: references.decimals[x] ?? 18, decimalsY: references.decimals[y] ?? 18, minPrice: minWad, maxPrice: maxWad,
            rate: try VenueNumbers.positiveWad(rate, node: rateNode),
            inventoryX: try PoolSpec.raw(inventoryX, decimals: references.decimals[x] ?? 18, node: inventoryXNode),
            inventoryY: try PoolSpec.raw(inventoryY, decimals: references.decimals[y] ?? 18, node: inventoryYNode))
        guard let initial = try? reserve.price(rounding: .down), initial <= maxWad else {
            throw InputError("\(inventoryXNode.path): the initial price min_price·e^(rate·inventory_x) is above max_price (\(maxPrice))",
                             at: inventoryXNode.location)
        }
    }

    /// The reserve's core parameters: prices and rate as wad, inventories as raw units.
    func core(decimalsX: Int, decimalsY: Int) throws -> (minPrice: UInt128, maxPrice: UInt128, rate: UInt128,
                                                        inventoryX: UInt128, inventoryY: UInt128) {
        (try TokenUnits.parse(minPrice, decimals: 18), try TokenUnits.parse(maxPrice, decimals: 18),
         try TokenUnits.parse(rate, decimals: 18), try TokenUnits.parse(inventoryX, decimals: decimalsX),
         try TokenUnits.parse(inventoryY, decimals: decimalsY))
    }
}

extension DepotSpec {
    /// Decodes `depots:` in order.
    static func decodeAll(_ node: InputNode, references: References) throws -> [DepotSpec] {
        try node.mappingEntries().map { try DepotSpec(id: $0.key, node: $0.value, references: references) }
    }

    init(id: String, node: InputNode, references: References) throws {
        let map = try node.mapping(allowedKeys: ["sells", "for", "price", "inventory"])
        self.id = id
        let forNode = try map.required("for")
        sells = try references.asset(map.required("sells"))
        paidWith = try references.asset(forNode)
        guard sells != paidWith else { throw InputError("\(forNode.path): a depot needs two different assets", at: forNode.location) }
        let priceNode = try map.required("price"), inventoryNode = try map.required("inventory")
        price = try priceNode.decimalText()
        inventory = try inventoryNode.decimalText()
        _ = try VenueNumbers.positiveWad(price, node: priceNode)
        _ = try PoolSpec.raw(inventory, decimals: references.decimals[sells] ?? 18, node: inventoryNode)
    }
}

/// Exact decimal text of venue parameters → wad.
enum VenueNumbers {
    /// `text` as an 18-decimal fixed-point number (exact, rounded down beyond 18 digits),
    /// positive, with a located error.
    static func positiveWad(_ text: String, node: InputNode) throws -> UInt128 {
        let wad = try PoolSpec.raw(text, decimals: 18, node: node)
        guard wad > 0 else { throw InputError("\(node.path): expected a positive number, got \(text)", at: node.location) }
        return wad
    }
}

extension MarginVenueSpec {
    /// Decodes `margin_venues:` in order.
    static func decodeAll(_ node: InputNode, pools: [PoolSpec], oracles: [OracleSpec], references: References) throws -> [MarginVenueSpec] {
        try node.mappingEntries().map { try MarginVenueSpec(id: $0.key, node: $0.value, pools: pools, oracles: oracles, references: references) }
    }

    init(id: String, node: InputNode, pools: [PoolSpec], oracles: [OracleSpec], references: References) throws {
        let map = try node.mapping(allowedKeys: ["pool", "loan_asset", "liquidity", "leverage", "ocr", "oracle", "check_equity"])
        self.id = id
        let poolID = try references.pool(map.required("pool"))
        pool = poolID
        let spec = pools.first { $0.id == poolID }!
        let loanNode = try map.required("loan_asset")
        let loan = try references.asset(loanNode)
        loanAsset = loan
        guard loan == spec.token0 || loan == spec.token1 else {
            throw InputError("\(loanNode.path): \(loan) is not traded in pool \(poolID)", at: loanNode.location)
        }
        let liquidityNode = try map.required("liquidity")
        liquidity = try PoolSpec.amountText(liquidityNode, decimals: references.decimals[loan] ?? 18)
        let leverageNode = try map.required("leverage"), ocrNode = try map.required("ocr")
        leverage = try leverageNode.decimalText()
        let ocrText = try ocrNode.decimalText()
        ocr = ocrText
        let ocrWad = try VenueNumbers.positiveWad(ocrText, node: ocrNode)
        guard ocrWad >= FixedPoint.wad else { throw InputError("\(ocrNode.path): ocr must be at least 1, got \(ocrText)", at: ocrNode.location) }
        guard try VenueNumbers.positiveWad(leverage, node: leverageNode) >= ocrWad else {
            throw InputError("\(leverageNode.path): leverage must be at least ocr (\(ocrText)), so a short sells at least its margin",
                             at: leverageNode.location)
        }
        oracle = try OracleSpec.id(at: map.required("oracle"), in: oracles, answeringIn: loan, for: "venue")
        checkEquity = try map.optional("check_equity")?.bool() ?? true
    }
}
