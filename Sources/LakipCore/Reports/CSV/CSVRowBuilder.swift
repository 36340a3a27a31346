/// Text cells a dialect wrote other than as given, counted so that `validasi.csv` can say so.
struct RewrittenText: Sendable, Equatable {
    /// Given a leading `'`, as text a spreadsheet would run as a formula.
    var neutralised = 0
    /// Written `="…"`, as text a spreadsheet would turn into a number or a date.
    var keptAsText = 0

    static func += (total: inout RewrittenText, part: RewrittenText) {
        total.neutralised += part.neutralised
        total.keptAsText += part.keptAsText
    }
}

/// Builds CSV text into a byte buffer: quoting per RFC 4180, numbers in the dialect.
///
/// Each cell is written with one request for room (``CSVBytes/append(atMost:_:)``), its
/// delimiter included.
struct CSVRowBuilder {
    let dialect: CSVDialect
    private(set) var bytes: CSVBytes
    private var fieldsInRow = 0
    /// Whether the dialect ends lines with LF alone, the common case, kept as a flag.
    private let lineEndIsLF: Bool

    /// - Parameter byteOrderMark: whether to start with the dialect's byte order mark, if it
    ///   has one; `false` for a builder whose bytes go after a file's first bytes.
    init(dialect: CSVDialect, capacity: Int = 1 << 16, byteOrderMark: Bool = true) {
        self.dialect = dialect
        lineEndIsLF = dialect.lineEnd == [0x0A]
        bytes = CSVBytes(capacity: capacity)
        if byteOrderMark { self.byteOrderMark() }
    }

    /// The dialect's byte order mark, if it has one.
    mutating func byteOrderMark() {
        if dialect.byteOrderMark { bytes.append(contentsOf: [0xEF, 0xBB, 0xBF]) }
    }

    /// Counts a new field of the row; whether the delimiter goes before it.
    @inline(__always)
    private mutating func startField() -> Bool {
        defer { fieldsInRow += 1 }
        return fieldsInRow > 0
    }

    /// Text cells written other than as given.
    private(set) var rewritten = RewrittenText()

    /// A text field, quoted when it holds the delimiter, a quote or a line break; in a dialect
    /// that neutralises formulas, a leading `=`, `+`, `-`, `@`, tab or CR gets a `'` inside the cell.
    mutating func text(_ field: UnsafeBufferPointer<UInt8>) {
        let delimiter = dialect.delimiter, delimited = startField(), count = field.count
        if dialect.keepsNumberLikeTextAsText && Self.readsAsNumber(field) {
            // `="007"`, quoted for the CSV: the writer's own formula, so never neutralised. The
            // text holds no quote (see readsAsNumber), so nothing inside needs doubling.
            rewritten.keptAsText += 1
            bytes.append(atMost: 1 + 4 + count + 3) { target in
                var at = Self.put(delimiter, if: delimited, at: target)
                (target + at).initialize(repeating: UInt8(ascii: "\""), count: 4)
                target[at + 1] = UInt8(ascii: "=")
                at += 4
                at += Self.copy(field, to: target + at)
                (target + at).initialize(repeating: UInt8(ascii: "\""), count: 3)
                return at + 3
            }
            return
        }
        var neutralise = false
        if dialect.neutralisesFormulas, let first = field.first {
            neutralise = first == 0x3D || first == 0x2B || first == 0x2D || first == 0x40 || first == 0x09 || first == 0x0D
        }
        if neutralise { rewritten.neutralised += 1 }
        guard Self.needsQuotes(field, delimiter: delimiter) else {
            bytes.append(atMost: 2 + count) { target in
                var at = Self.put(delimiter, if: delimited, at: target)
                at += Self.put(0x27, if: neutralise, at: target + at)
                return at + Self.copy(field, to: target + at)
            }
            return
        }
        // Quoted: every quote inside doubled.
        bytes.append(atMost: 4 + 2 * count) { target in
            var at = Self.put(delimiter, if: delimited, at: target)
            target[at] = 0x22
            at += 1
            at += Self.put(0x27, if: neutralise, at: target + at)
            for byte in field {
                if byte == 0x22 {
                    target[at] = 0x22
                    at += 1
                }
                target[at] = byte
                at += 1
            }
            target[at] = 0x22
            return at + 1
        }
    }

    /// Writes `byte` at `target` if `condition` holds; how many bytes that was.
    @inline(__always)
    private static func put(_ byte: UInt8, if condition: Bool, at target: UnsafeMutablePointer<UInt8>) -> Int {
        guard condition else { return 0 }
        target.pointee = byte
        return 1
    }

    /// Copies `field` to `target`; its length.
    @inline(__always)
    private static func copy(_ field: UnsafeBufferPointer<UInt8>, to target: UnsafeMutablePointer<UInt8>) -> Int {
        if let source = field.baseAddress { target.update(from: source, count: field.count) }
        return field.count
    }

    /// Whether `field` holds the delimiter, a quote or a line break. Every text cell of every
    /// table is scanned, names of 50 to 100 bytes among them: sixteen bytes are compared at once,
    /// the end of a field of sixteen bytes or more as its last sixteen, and a shorter field one
    /// byte at a time, where one comparison rules out most bytes.
    @inline(__always)
    static func needsQuotes(_ field: UnsafeBufferPointer<UInt8>, delimiter: UInt8) -> Bool {
        guard let base = field.baseAddress else { return false }
        var offset = 0
        if field.count >= 16 {
            let quote = SIMD16<UInt8>(repeating: UInt8(ascii: "\"")), lineFeed = SIMD16<UInt8>(repeating: 0x0A)
            let carriageReturn = SIMD16<UInt8>(repeating: 0x0D), separator = SIMD16<UInt8>(repeating: delimiter)
            func holdsSpecial(at offset: Int) -> Bool {
                let bytes = UnsafeRawPointer(base + offset).loadUnaligned(as: SIMD16<UInt8>.self)
                return any((bytes .== quote) .| (bytes .== lineFeed) .| (bytes .== carriageReturn) .| (bytes .== separator))
            }
            while offset + 16 <= field.count {
                if holdsSpecial(at: offset) { return true }
                offset += 16
            }
            // The last bytes as the last sixteen, some of them seen already.
            return offset < field.count && holdsSpecial(at: field.count - 16)
        }
        while offset < field.count {
            let byte = base[offset]
            if byte <= 0x22 && (byte == 0x22 || byte == 0x0A || byte == 0x0D) || byte == delimiter { return true }
            offset += 1
        }
        return false
    }

    /// Whether a spreadsheet (Excel, LibreOffice, in the Indonesian locale or another) would read
    /// `field` as a number, a date, a time, a fraction or a percentage: it starts with a digit,
    /// or with `.` or `,` and a digit, and holds nothing but digits, separators, `/`, `-`, `:`,
    /// spaces, `%` and an exponent `e`. Codes such as `007`, `0102`, `1.250`, `3/4`, `1E5` and
    /// `1.02.0.00.0.00.01.0000` qualify; `DINKES-01` does not. A leading sign is left to the
    /// formula neutraliser.
    static func readsAsNumber(_ field: UnsafeBufferPointer<UInt8>) -> Bool {
        func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        guard let first = field.first else { return false }
        if !isDigit(first) {
            guard first == UInt8(ascii: ".") || first == UInt8(ascii: ","), field.count > 1, isDigit(field[1]) else {
                return false
            }
        }
        return field.allSatisfy { byte in
            isDigit(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: ",") || byte == UInt8(ascii: "/")
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ":") || byte == UInt8(ascii: " ")
                || byte == UInt8(ascii: "%") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
                || byte == UInt8(ascii: "+")
        }
    }

    /// A text field kept in `store`.
    mutating func text(_ ref: TextRef, in store: TextStore) {
        store.withBytes(ref) { text($0) }
    }

    mutating func text(_ field: String) {
        var field = field
        field.withUTF8 { text($0) }
    }

    /// An exact value with the decimals it needs (`4.88`, `12000`); empty for `nil`.
    mutating func value(_ value: Fraction?) {
        let delimited = startField()
        guard let value else { return delimit(delimited) }
        appendDigits(of: value, delimited: delimited)
    }

    private mutating func appendDigits(of value: Fraction, delimited: Bool) {
        guard let (units, scale) = value.decimalDigits() else {
            return appendFormatted(value.decimalText(), delimited: delimited)
        }
        appendScaled(units, scale: scale, trimTrailingZeros: true, delimited: delimited)
    }

    /// A range target, `80-90`.
    mutating func range(_ lower: Fraction, _ upper: Fraction) {
        appendDigits(of: lower, delimited: startField())
        bytes.append(UInt8(ascii: "-"))
        appendDigits(of: upper, delimited: false)
    }

    /// A typed cell as this dialect prints it.
    mutating func cell(_ cell: ReportCell) {
        switch cell {
        case .empty: empty()
        case .text(let text): self.text(text)
        case .integer(let value): integer(value)
        case .value(let value): self.value(value)
        case .range(let lower, let upper): range(lower, upper)
        case .achievement(let value): achievement(value)
        }
    }

    /// An achievement with exactly two decimals; empty for `nil`.
    mutating func achievement(_ achievement: Achievement?) {
        let delimited = startField()
        guard let achievement else { return delimit(delimited) }
        appendScaled(achievement.hundredths.magnitude, isNegative: achievement.hundredths < 0, scale: 2,
                     trimTrailingZeros: false, delimited: delimited)
    }

    mutating func integer(_ value: Int) {
        appendScaled(UInt64(value.magnitude), isNegative: value < 0, scale: 0, trimTrailingZeros: false,
                     delimited: startField())
    }

    /// Digits of `units × 10^-scale` straight into the buffer, without building a `String`.
    private mutating func appendScaled(_ units: Int128, scale: Int, trimTrailingZeros: Bool, delimited: Bool) {
        guard let magnitude = UInt64(exactly: units.magnitude), scale <= 19 else {
            appendFormatted(Fraction.wideDecimalText(units: units, scale: scale, trimTrailingZeros: trimTrailingZeros),
                            delimited: delimited)
            return
        }
        appendScaled(magnitude, isNegative: units < 0, scale: scale, trimTrailingZeros: trimTrailingZeros,
                     delimited: delimited)
    }

    /// The 64-bit case of ``appendScaled(_:scale:trimTrailingZeros:delimited:)``, which every value
    /// of a report takes.
    private mutating func appendScaled(_ magnitude: UInt64, isNegative: Bool, scale: Int, trimTrailingZeros: Bool,
                                       delimited: Bool) {
        let delimiter = dialect.delimiter, separator = dialect.decimalSeparator
        bytes.append(atMost: 1 + Fraction.maximumDecimalLength) { target in
            let at = Self.put(delimiter, if: delimited, at: target)
            return at + Fraction.writeDecimal(magnitude, isNegative: isNegative, scale: scale,
                                              trimTrailingZeros: trimTrailingZeros, separator: separator, to: target + at)
        }
    }

    /// A number formatted with a decimal point; the separator follows the dialect.
    private mutating func appendFormatted(_ formatted: String, delimited: Bool) {
        delimit(delimited)
        for byte in formatted.utf8 {
            bytes.append(byte == 0x2E ? dialect.decimalSeparator : byte)
        }
    }

    /// The delimiter alone, before a field that writes nothing.
    @inline(__always)
    private mutating func delimit(_ delimited: Bool) {
        if delimited { bytes.append(dialect.delimiter) }
    }

    mutating func empty() {
        delimit(startField())
    }

    mutating func endRow() {
        if lineEndIsLF {
            bytes.append(0x0A)
        } else {
            bytes.append(contentsOf: dialect.lineEnd)
        }
        fieldsInRow = 0
    }

    /// Cells written once and kept in a buffer of their own (``keep(since:in:)``), to be written
    /// again by ``append(_:from:)``: in later rows of the same table, or in another table of
    /// the same dialect. Their bytes leave out the delimiter before the first cell, which
    /// depends on where they go.
    struct KeptCells {
        fileprivate var offset = 0
        fileprivate var length = 0
        /// How many cells.
        fileprivate(set) var count = 0
        fileprivate var rewritten = RewrittenText()
    }

    /// Where cells about to be written start: taken before they are written, and given to
    /// ``keep(since:in:)`` after.
    struct CellsStart {
        fileprivate let offset: Int
        fileprivate let fields: Int
        fileprivate let rewritten: RewrittenText
    }

    /// The start of the cells about to be written.
    func cellsStart() -> CellsStart {
        CellsStart(offset: bytes.count, fields: fieldsInRow, rewritten: rewritten)
    }

    /// Appends the cells written since `start` to `store`, and says where they are. The cells
    /// must all be in the current row.
    func keep(since start: CellsStart, in store: inout CSVBytes) -> KeptCells {
        precondition(fieldsInRow >= start.fields && bytes.count >= start.offset, "the cells are in the current row")
        let count = fieldsInRow - start.fields
        let from = start.offset + (start.fields > 0 && count > 0 ? 1 : 0)
        let kept = KeptCells(offset: store.count, length: bytes.count - from, count: count,
                             rewritten: RewrittenText(neutralised: rewritten.neutralised - start.rewritten.neutralised,
                                                      keptAsText: rewritten.keptAsText - start.rewritten.keptAsText))
        store.append(contentsOf: bytes, from: from)
        return kept
    }

    /// Writes `cells`, kept in `store`, again, byte for byte, counting their rewrites again.
    mutating func append(_ cells: KeptCells, from store: CSVBytes) {
        guard cells.count > 0 else { return }
        let delimiter = dialect.delimiter, delimited = fieldsInRow > 0
        store.withUnsafeBufferPointer { kept in
            let field = UnsafeBufferPointer(rebasing: kept[cells.offset..<(cells.offset + cells.length)])
            bytes.append(atMost: 1 + field.count) { target in
                let at = Self.put(delimiter, if: delimited, at: target)
                return at + Self.copy(field, to: target + at)
            }
        }
        fieldsInRow += cells.count
        rewritten += cells.rewritten
    }

    mutating func row(_ fields: [String]) {
        for field in fields { text(field) }
        endRow()
    }

    /// Hands the bytes built so far to `sink`.
    func write(into sink: (UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
        try bytes.withUnsafeBufferPointer { try sink($0) }
    }

    /// Hands the bytes built so far to `sink` and starts over, keeping the capacity.
    mutating func drain(into sink: (UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
        try write(into: sink)
        bytes.removeAll()
    }
}
