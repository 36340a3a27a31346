import CFuzzerDriver

/// The process entry. SwiftPM links an executable with `main` aliased to this symbol, so it
/// starts libFuzzer's driver with the fuzz callback instead of relying on libFuzzer's `main`.
@_cdecl("fuzz_csv_reader_main")
func fuzzerMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv) { data, size in
        guard let data else { return 0 }
        return fuzzCSVReader(data, size)
    }
}
