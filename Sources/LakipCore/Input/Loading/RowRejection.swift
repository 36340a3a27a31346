/// Why a row cannot be used: becomes a `galat` row of `validasi.csv`.
struct RowRejection: Error {
    var column: Column?
    var code: String
    var message: String
}
