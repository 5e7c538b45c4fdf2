// swift-tools-version:6.0
import PackageDescription

// Module layout and dependency direction: ../shared/DESIGN.md §1.
// advsim → Experiments → Scenarios → Agents → ProtocolModel → (Simulation, Pricing, GSL) → CGSL

/// Release builds drop the dynamic exclusivity checks (≈ 5 % of a benchmark-day replication: a runtime call on
/// every access to a class property or global). The static checks stay on, and debug builds — the test suite —
/// keep the dynamic ones, so an overlapping access is still caught there. BENCHMARKS.md has the figures.
let releaseSettings: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]

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
        .target(name: "GSL", dependencies: ["CGSL"], swiftSettings: releaseSettings),
        .target(name: "Simulation", swiftSettings: releaseSettings),
        .target(
            name: "CVectorMath",
            linkerSettings: [.linkedLibrary("mvec", .when(platforms: [.linux]))]
        ),
        .target(name: "Pricing", dependencies: ["CVectorMath"], swiftSettings: releaseSettings),
        .target(name: "ProtocolModel", dependencies: ["Simulation", "Pricing", "GSL"], swiftSettings: releaseSettings),
        .target(name: "Agents", dependencies: ["ProtocolModel", "Pricing", "GSL"], swiftSettings: releaseSettings),
        .target(
            name: "Scenarios",
            dependencies: ["Agents", "ProtocolModel", "Pricing", "Simulation", "GSL", "Yams"],
            swiftSettings: releaseSettings
        ),
        .target(name: "Experiments", dependencies: ["Scenarios", "GSL"], swiftSettings: releaseSettings),
        .executableTarget(
            name: "advsim",
            dependencies: [
                "Experiments", "Scenarios", "ProtocolModel", "Pricing", "Simulation", "GSL",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: releaseSettings
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
