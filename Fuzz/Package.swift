// swift-tools-version: 6.0
// libFuzzer harnesses for lakip. A separate package, because a fuzz target has no `main` of its
// own (libFuzzer provides it) and so links only with `-sanitize=fuzzer`; keeping it here leaves
// `swift build` and `swift test` of the main package untouched. Build and run with
// `scripts/fuzz.sh` at the package root.
import PackageDescription

let package = Package(
    name: "lakip-fuzz",
    dependencies: [
        .package(name: "lakip", path: ".."),
    ],
    targets: [
        .target(name: "CFuzzerDriver"),
        .target(
            name: "FuzzSupport",
            dependencies: [.product(name: "LakipCore", package: "lakip")]
        ),
        .executableTarget(
            name: "fuzz-csv-reader",
            dependencies: ["CFuzzerDriver", "FuzzSupport", .product(name: "LakipCore", package: "lakip")],
            path: "Sources/FuzzCSVReader"
        ),
        .executableTarget(
            name: "fuzz-loader",
            dependencies: ["CFuzzerDriver", "FuzzSupport", .product(name: "LakipCore", package: "lakip")],
            path: "Sources/FuzzLoader"
        ),
    ],
    swiftLanguageModes: [.v6]
)
