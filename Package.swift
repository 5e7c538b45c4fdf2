// swift-tools-version:6.0
import PackageDescription

// Module layout and dependency direction: ../shared/DESIGN.md §1.
// advsim → Experiments → Scenarios → Agents → ProtocolModel → (Simulation, Pricing, GSL) → CGSL
let package = Package(
    name: "advsim",
    platforms: [.macOS(.v15)],  // UInt128 needs the macOS 15 runtime
    products: [
        .executable(name: "advsim", targets: ["advsim"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        // MARK: - C libraries
        .systemLibrary(
            name: "CGSL",
            pkgConfig: "gsl",
            providers: [.apt(["libgsl-dev"]), .brew(["gsl"])]
        ),

        // MARK: - Library modules
        .target(name: "GSL", dependencies: ["CGSL"]),
        .target(name: "Simulation"),
        .target(
            name: "CVectorMath",
            linkerSettings: [.linkedLibrary("mvec", .when(platforms: [.linux]))]
        ),
        .target(name: "Pricing", dependencies: ["CVectorMath"]),
        .target(name: "ProtocolModel", dependencies: ["Simulation", "Pricing", "GSL"]),
        .target(name: "Agents", dependencies: ["ProtocolModel", "Pricing", "GSL"]),
        .target(
            name: "Scenarios",
            dependencies: ["Agents", "ProtocolModel", "Pricing", "Simulation", "GSL", "Yams"]
        ),
        .target(name: "Experiments", dependencies: ["Scenarios", "GSL"]),
        .executableTarget(
            name: "advsim",
            dependencies: [
                "Experiments", "Scenarios", "ProtocolModel", "Pricing", "Simulation", "GSL",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // MARK: - Tests
        .testTarget(name: "GSLTests", dependencies: ["GSL"]),
        .testTarget(name: "SimulationTests", dependencies: ["Simulation", "GSL"]),
        .testTarget(name: "PricingTests", dependencies: ["Pricing", "GSL"], resources: [.copy("Fixtures")]),
        .testTarget(name: "ProtocolModelTests", dependencies: ["ProtocolModel", "Pricing", "GSL"]),
        .testTarget(name: "ScenariosTests", dependencies: ["Scenarios"]),
        .testTarget(name: "ExperimentsTests", dependencies: ["Experiments", "Scenarios"]),
        .testTarget(name: "advsimTests", dependencies: ["Experiments"]),
    ]
)
