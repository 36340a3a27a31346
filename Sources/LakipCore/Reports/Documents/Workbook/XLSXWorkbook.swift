import CLibXLSXWriter
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A workbook written by libxlsxwriter (SpreadsheetML, ECMA-376 Part 1) in constant-memory mode:
/// each worksheet's rows go to a temporary file as they are written, so a sheet of a million
/// indicators takes no more memory than a sheet of ten. Rows must therefore be written in order
/// within each sheet; sheets may be written in turns.
///
/// The workbook owns its worksheets, formats and charts; ``close()`` writes the file.
final class XLSXWorkbook {
    /// Cell formats every sheet shares.
    enum Style: Hashable {
        /// The header row: bold on a light fill with a rule under it, wrapped.
        case header
        /// A sheet's title line.
        case title
        /// Text, kept as text when edited (`@`).
        case text
        /// Counts and whole rupiah, grouped: `#,##0`.
        case count
        /// A year or a line number: `0`, never grouped.
        case plainInteger
        /// Capaian, progres, serapan, efisiensi, shares: `0.00`.
        case achievement
        /// An exact value with this many decimals, grouped: `#,##0.00…`.
        case decimals(Int)
        /// A fill of the kategori palette with its text colour (conditional formats).
        case fill(background: UInt32, text: UInt32)
    }

    /// Excel's limits (ECMA-376 leaves them to the application; every spreadsheet keeps them).
    static let rowLimit = Int(LXW_ROW_MAX)
    static let columnLimit = Int(LXW_COL_MAX)
    static let textLimit = 32_767

    let path: String
    private let workbook: UnsafeMutablePointer<lxw_workbook>
    private var formats: [Style: UnsafeMutablePointer<lxw_format>] = [:]
    private var closed = false

    /// Starts the workbook that ``close()`` writes to `path`.
    ///
    /// - Parameters:
    ///   - temporaryFolder: where the worksheets' row files go (on the disk of the output, so a
    ///     big sheet does not fill `/tmp`); they are unlinked as soon as they are created.
    ///   - title: the document title (File › Properties).
    ///   - large: allow ZIP64, for a workbook that may pass 4 GB.
    init(path: String, temporaryFolder: String, title: String?, large: Bool) throws {
        self.path = path
        var options = lxw_workbook_options()
        options.constant_memory = 1
        options.use_zip64 = large ? 1 : 0
        let created = temporaryFolder.withCString { folder -> UnsafeMutablePointer<lxw_workbook>? in
            options.tmpdir = UnsafeMutablePointer(mutating: folder)
            return path.withCString { workbook_new_opt($0, &options) }
        }
        guard let created else { throw OutputError(path: path, reason: "buku kerja XLSX tidak dapat dibuat") }
        workbook = created
        // A fixed creation date keeps the file the same bytes for the same tables.
        var properties = lxw_doc_properties()
        properties.created = 1_577_836_800
        let error = "lakip".withCString { author in
            (title ?? "").withCString { titleText -> lxw_error in
                properties.author = UnsafeMutablePointer(mutating: author)
                if title != nil { properties.title = UnsafeMutablePointer(mutating: titleText) }
                return workbook_set_properties(workbook, &properties)
            }
        }
        try check(error)
    }

    deinit {
        // A workbook abandoned on an error: its memory and row files go, no file is written.
        if !closed { lxw_workbook_free(workbook) }
    }

    /// Adds a worksheet named `name` (at most 31 characters, none of `[ ] : * ? / \`).
    func addWorksheet(_ name: String) throws -> UnsafeMutablePointer<lxw_worksheet> {
        // In constant-memory mode this creates the sheet's row file.
        guard let sheet = Self.quietly({ name.withCString { workbook_add_worksheet(workbook, $0) } }) else {
            throw OutputError(path: path, reason: "lembar kerja \(name) tidak dapat dibuat")
        }
        return sheet
    }

    /// Adds a chart, placed later with `worksheet_insert_chart_opt`.
    func addChart(_ type: lxw_chart_type) throws -> UnsafeMutablePointer<lxw_chart> {
        guard let chart = workbook_add_chart(workbook, UInt8(type.rawValue)) else {
            throw OutputError(path: path, reason: "grafik tidak dapat dibuat")
        }
        return chart
    }

    /// The format of `style`, made once.
    func format(_ style: Style) -> UnsafeMutablePointer<lxw_format> {
        if let existing = formats[style] { return existing }
        let format = workbook_add_format(workbook)!
        switch style {
        case .header:
            format_set_bold(format)
            format_set_bg_color(format, 0xD9E1F2)
            format_set_bottom(format, UInt8(LXW_BORDER_THIN.rawValue))
            format_set_text_wrap(format)
            format_set_align(format, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue))
        case .title:
            format_set_bold(format)
            format_set_font_size(format, 14)
        case .text:
            format_set_num_format(format, "@")
        case .count:
            format_set_num_format(format, "#,##0")
        case .plainInteger:
            format_set_num_format(format, "0")
        case .achievement:
            format_set_num_format(format, "0.00")
        case .decimals(let count):
            format_set_num_format(format, count > 0 ? "#,##0." + String(repeating: "0", count: count) : "#,##0")
        case .fill(let background, let text):
            format_set_bg_color(format, background)
            format_set_font_color(format, text)
        }
        formats[style] = format
        return format
    }

    /// Writes the file: every sheet's rows, the parts that describe them, zipped.
    ///
    /// - Throws: ``OutputError`` with libxlsxwriter's reason (a full disk, a file that cannot
    ///   be created).
    func close() throws {
        closed = true
        var systemError: Int32 = 0
        let error = Self.quietly {
            Glibc.errno = 0
            let error = workbook_close(workbook)
            systemError = Glibc.errno
            return error
        }
        try check(error, systemError: systemError)
    }

    /// Throws ``OutputError`` for `error`, in Indonesian (libxlsxwriter's own text is English):
    /// a file error says what the system said (`systemError`, an `errno`), e.g. a full disk.
    func check(_ error: lxw_error, systemError: Int32 = 0) throws {
        guard error != LXW_NO_ERROR else { return }
        let reason: String
        switch error {
        case LXW_ERROR_MEMORY_MALLOC_FAILED:
            reason = "memori tidak cukup untuk buku kerja XLSX"
        case LXW_ERROR_CREATING_XLSX_FILE, LXW_ERROR_CREATING_TMPFILE, LXW_ERROR_READING_TMPFILE,
             LXW_ERROR_ZIP_FILE_OPERATION, LXW_ERROR_ZIP_PARAMETER_ERROR, LXW_ERROR_ZIP_BAD_ZIP_FILE,
             LXW_ERROR_ZIP_INTERNAL_ERROR, LXW_ERROR_ZIP_FILE_ADD, LXW_ERROR_ZIP_CLOSE:
            reason = "buku kerja XLSX tidak dapat ditulis: "
                + (systemError != 0 ? SystemErrorText.describe(systemError) : "berkas atau berkas sementaranya gagal ditulis")
        default:
            reason = "buku kerja XLSX tidak dapat dibuat (galat libxlsxwriter \(error.rawValue))"
        }
        throw OutputError(path: path, reason: reason)
    }

    private static let quietLock = NSLock()

    /// Runs `body` with standard error sent to `/dev/null`: libxlsxwriter prints its failures
    /// there in English, and lakip says them itself, in Indonesian (``check(_:systemError:)``).
    private static func quietly<Result>(_ body: () -> Result) -> Result {
        // One at a time in the process, or one call could save the other's /dev/null as the
        // standard error to restore.
        quietLock.lock()
        defer { quietLock.unlock() }
        fflush(nil)
        let saved = dup(STDERR_FILENO)
        let null = open("/dev/null", O_WRONLY | O_CLOEXEC)
        guard saved >= 0, null >= 0 else {
            if saved >= 0 { Glibc.close(saved) }
            if null >= 0 { Glibc.close(null) }
            return body()
        }
        dup2(null, STDERR_FILENO)
        Glibc.close(null)
        defer {
            fflush(nil)
            dup2(saved, STDERR_FILENO)
            Glibc.close(saved)
        }
        return body()
    }

    /// A worksheet name: at most 31 characters and none of `[ ] : * ? / \`.
    static func sheetName(_ name: String) -> String {
        let cleaned = String(name.map { "[]:*?/\\".contains($0) ? "_" : $0 })
        return String(cleaned.prefix(Int(LXW_SHEETNAME_MAX)))
    }

    /// Text a cell can hold: characters XML 1.0 cannot carry (control characters other than
    /// tab, line feed and carriage return) become U+FFFD, and text past Excel's 32,767
    /// characters is cut with an ellipsis.
    static func cellText(_ text: String) -> String {
        // One pass over the bytes: a control character, or EF BF BE / EF BF BF (U+FFFE, U+FFFF).
        var needsCleaning = false
        var previous: (UInt8, UInt8) = (0, 0)
        for byte in text.utf8 {
            if (byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D)
                || (previous == (0xEF, 0xBF) && (byte == 0xBE || byte == 0xBF)) {
                needsCleaning = true
                break
            }
            previous = (previous.1, byte)
        }
        var result = text
        if needsCleaning {
            var scalars = String.UnicodeScalarView()
            for scalar in text.unicodeScalars {
                let value = scalar.value
                let allowed = value >= 0x20 ? value != 0xFFFE && value != 0xFFFF : [0x09, 0x0A, 0x0D].contains(value)
                scalars.append(allowed ? scalar : "\u{FFFD}")
            }
            result = String(scalars)
        }
        if result.utf8.count > textLimit, result.unicodeScalars.count > textLimit {
            result = String(String.UnicodeScalarView(result.unicodeScalars.prefix(textLimit - 1))) + "…"
        }
        return result
    }

    /// Text for a printed page's header or footer: `&` starts a code there, so a literal one is
    /// written twice; at most 255 characters in all.
    static func headerText(_ codes: String, _ text: String) -> String {
        let escaped = text.replacingOccurrences(of: "&", with: "&&")
        return codes + String(escaped.prefix(Int(LXW_HEADER_FOOTER_MAX) - codes.count))
    }
}
