// Cells the rows before named, remembered with what reading them gave, so that a row that
// repeats them skips their look-ups.
//
// A target file lists an OPD's indicators together, sasaran by sasaran: the OPD, its name,
// the sasaran and often the satuan repeat row after row. Comparing a cell with the one
// remembered is a `memcmp`; looking it up again is a UTF-8 check, a hash over its bytes and
// a probe of a table, for every row.

/// The text each column last interned (``LoadSession/text(_:_:intern:_:)``). A cell is
/// compared with the text in the store, so remembering copies nothing. The store holds UTF-8,
/// so a cell that is not valid UTF-8 never equals it: a Windows-1252 cell is converted, and its
/// line noted for its file, every time, as before.
struct RecentTexts {
    private var refs = [TextRef?](repeating: nil, count: Column.ordinalCount)

    /// The reference of `cell` if it is the text `column` interned last.
    func ref(of cell: UnsafeBufferPointer<UInt8>, in column: Column, _ store: TextStore) -> TextRef? {
        guard let ref = refs[column.ordinal], ref.length == cell.count,
              store.withBytes(ref, { $0.hasSameBytes(as: cell) }) else { return nil }
        return ref
    }

    mutating func remember(_ ref: TextRef, in column: Column) {
        refs[column.ordinal] = ref
    }
}

/// The OPD the last row named: its Pemda's code (if the file has one), kode_opd and nama_opd
/// as the row had them, and the agency they gave (``LoadSession/agency(code:pemda:name:_:_:)``).
///
/// Reading the same three cells again changes nothing: the look-up finds the agency, whose
/// name the first reading set or compared, and whose Pemda it set. So a repeat can return the
/// agency without them.
struct RecentAgency {
    /// The three cells back to back.
    private var bytes: [UInt8] = []
    /// The Pemda code's length, -1 for none.
    private var pemdaLength = -1
    private var codeLength = 0
    private var nameLength = 0
    private var agency: Int?

    /// The agency the last reading gave, if it read these cells.
    func agency(pemda: UnsafeBufferPointer<UInt8>?, code: UnsafeBufferPointer<UInt8>,
                name: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let agency, pemdaLength == (pemda?.count ?? -1), codeLength == code.count, nameLength == name.count else {
            return nil
        }
        return bytes.withUnsafeBufferPointer { kept in
            let pemdaEnd = max(pemdaLength, 0), codeEnd = pemdaEnd + codeLength
            guard pemda.map({ UnsafeBufferPointer(rebasing: kept[..<pemdaEnd]).hasSameBytes(as: $0) }) ?? true,
                  UnsafeBufferPointer(rebasing: kept[pemdaEnd..<codeEnd]).hasSameBytes(as: code),
                  UnsafeBufferPointer(rebasing: kept[codeEnd...]).hasSameBytes(as: name) else { return nil }
            return agency
        }
    }

    mutating func remember(pemda: UnsafeBufferPointer<UInt8>?, code: UnsafeBufferPointer<UInt8>,
                           name: UnsafeBufferPointer<UInt8>, as agency: Int) {
        bytes.removeAll(keepingCapacity: true)
        if let pemda { bytes.append(contentsOf: pemda) }
        bytes.append(contentsOf: code)
        bytes.append(contentsOf: name)
        pemdaLength = pemda?.count ?? -1
        codeLength = code.count
        nameLength = name.count
        self.agency = agency
    }
}
