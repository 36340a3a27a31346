// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "lakip",
    products: [
        .executable(name: "lakip", targets: ["lakip"]),
        .library(name: "LakipCore", targets: ["LakipCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // Test-only: the tests open the workbook's zip to read the parts libxlsxwriter wrote.
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
        // SHA-256 for the manifest: BoringSSL's uses the CPU's SHA instructions, and every run
        // hashes its inputs and all it writes.
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
        // lakip.toml, the policy file: full TOML through toml++.
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        // Debian's libcsv-dev ships csv.h and libcsv.so but no pkg-config file.
        .systemLibrary(
            name: "CLibCSV",
            providers: [.apt(["libcsv-dev"])]
        ),
        // The workbook: Debian's libxlsxwriter-dev (constant-memory worksheets, number formats,
        // print setup, conditional formats and native charts).
        .systemLibrary(
            name: "CLibXLSXWriter",
            pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev"])]
        ),
        // Starts the write-back of report files while the run goes on (Linux sync_file_range).
        .target(name: "CWriteback"),
        // Asks the CPU for a hash table's slot ahead of the look-up that reads it.
        .target(name: "CPrefetch"),
        .target(
            name: "LakipCore",
            dependencies: [
                "CLibCSV",
                "CWriteback",
                "CPrefetch",
                "CLibXLSXWriter",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "TOMLKit", package: "TOMLKit"),
            ]
        ),
        .executableTarget(
            name: "lakip",
            dependencies: [
                "LakipCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "LakipCoreTests",
            dependencies: ["LakipCore", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "LakipEndToEndTests",
            dependencies: ["lakip"],
            resources: [.copy("Fixtures")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
