// swift-tools-version:6.0
import PackageDescription

// NB: the language mode is Swift 5. The engine keeps a thread pool and buffer caches that are
// deliberately shared mutable state guarded by their own locks; Swift 6's strict checking would
// force @unchecked Sendable on every one of them without adding safety. See Sources/NashEngine/README.md.
let swift5: [SwiftSetting] = [.swiftLanguageMode(.v5)]
// Test targets whose own code only drives Nash's (optimised) modules are compiled without
// optimisation: Swift Testing's macros make a release build of them slow (built one module at a
// time, these five took 404 s of 1012 s), and what they exercise is still release code.
// NashEngineTests keeps -O: its Float64 reference products and finite differences run in test code.
let driverTests: [SwiftSetting] = swift5 + [.unsafeFlags(["-Onone"])]

let package = Package(
    name: "Nash",
    platforms: [.macOS(.v13)],
    products: [
        // Scenario files are compiled against this library: `import Nash` and nothing else.
        .library(name: "Nash", type: .dynamic, targets: ["Nash"]),
        .executable(name: "nash", targets: ["NashCLI"]),
        .executable(name: "nash-bench", targets: ["NashBench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .systemLibrary(name: "CHDF5", pkgConfig: "hdf5-serial",
                       providers: [.apt(["libhdf5-dev"])]),
        .target(name: "CNashKernels", cSettings: [.unsafeFlags(["-O3"])]),
        .target(name: "NashEngine", dependencies: ["CNashKernels"],
                exclude: ["README.md", "Tensor/README.md"], swiftSettings: swift5),
        .target(name: "Nash", exclude: ["README.md"], swiftSettings: swift5),
        .target(name: "NashTraining",
                dependencies: ["Nash", "NashEngine", "NashStore"],
                exclude: ["README.md", "Data/README.md", "Diagnosis/README.md", "Metrics/README.md"],
                swiftSettings: swift5),
        .target(name: "NashStore",
                dependencies: ["CHDF5", "Nash"],
                exclude: ["README.md", "RunFile/README.md"],
                swiftSettings: swift5),
        .target(name: "NashReport", dependencies: ["NashStore", "Nash"], exclude: ["README.md"], swiftSettings: swift5),
        .executableTarget(name: "NashCLI",
                          dependencies: ["Nash", "NashEngine", "NashTraining", "NashStore", "NashReport",
                                         .product(name: "ArgumentParser", package: "swift-argument-parser")],
                          swiftSettings: swift5),
        .executableTarget(name: "NashBench",
                          dependencies: ["Nash", "NashEngine", "NashTraining", "NashStore"],
                          path: "bench/Sources/NashBench", swiftSettings: swift5),
        // Starting child processes that inherit nothing but their standard streams (see ChildProcess).
        .target(name: "CNashTestSpawn", path: "Tests/Support/CNashTestSpawn"),
        .target(name: "NashTestSupport", dependencies: ["CNashTestSpawn", "NashStore"],
                path: "Tests/Support/NashTestSupport", swiftSettings: swift5),
        .testTarget(name: "NashEngineTests", dependencies: ["NashEngine"], swiftSettings: swift5),
        .testTarget(name: "NashTests", dependencies: ["Nash", "NashTestSupport"], exclude: ["Fixtures"], swiftSettings: driverTests),
        .testTarget(name: "NashTrainingTests", dependencies: ["NashTraining", "NashEngine", "Nash", "NashTestSupport"],
                    swiftSettings: driverTests),
        .testTarget(name: "NashStoreTests", dependencies: ["NashStore", "NashTestSupport"], swiftSettings: driverTests),
        // The child process NashStoreTests kills with SIGKILL to test the crash-safe writer.
        .executableTarget(name: "NashStoreCrashWriter", dependencies: ["NashStore"],
                          path: "Tests/Support/CrashWriter", swiftSettings: swift5),
        // The child process NashStoreTests kills with SIGKILL while it records a run into a RunFile.
        .executableTarget(name: "NashRunFileCrashWriter", dependencies: ["NashStore"],
                          path: "Tests/Support/RunFileCrashWriter", swiftSettings: swift5),
        .testTarget(name: "NashReportTests", dependencies: ["NashReport", "NashStore", "NashTraining", "Nash", "NashTestSupport"],
                    swiftSettings: driverTests),
        // End-to-end tests drive the built `nash` binary as a user would; they link none of its code
        // but NashTestSupport's (which starts children under NashStore's lock, see ChildProcess).
        .testTarget(name: "NashCLITests", dependencies: ["NashTestSupport"], exclude: ["Fixtures"],
                    swiftSettings: driverTests),
    ]
)
