/// A column the loader understands, whatever the export calls it.
public enum Column: Hashable, Sendable {
    case year, agencyCode, agencyName, objectiveCode, objective, indicatorCode, indicator, unit
    case polarity, aggregation, annualTarget, quarterTarget(Quarter)
    case quarter, actual, quarterActual(Quarter)
    /// "TW I" with no word before it: a target or a realisation depending on the file.
    case bareQuarter(Quarter)
    case weight, renstraTarget, renstraEndYear, budgetCeiling, budgetActual, responsible, note
    /// The head of an OPD (opd.csv), for the signature block of its documents.
    case headName, headID, headTitle
    /// bulan: the month of a monthly realisation row, instead of triwulan (SPEC §8).
    case month
    /// realisasi_jan … realisasi_des: a wide export's monthly realisations.
    case monthActual(Month)
    /// kode_pemda, nama_pemda and (pemda.csv) provinsi: whose data a row is, when one run
    /// holds many Pemda (SPEC §8).
    case pemdaCode, pemdaName, province

    /// A dense number per column, for array look-ups. Inlined: the loader names a fixed column
    /// for every cell it reads, and the switch then folds to a constant.
    @inline(__always)
    var ordinal: Int {
        switch self {
        case .year: 0
        case .agencyCode: 1
        case .agencyName: 2
        case .objectiveCode: 3
        case .objective: 4
        case .indicatorCode: 5
        case .indicator: 6
        case .unit: 7
        case .polarity: 8
        case .aggregation: 9
        case .annualTarget: 10
        case .quarter: 11
        case .actual: 12
        case .weight: 13
        case .renstraTarget: 14
        case .renstraEndYear: 15
        case .budgetCeiling: 16
        case .budgetActual: 17
        case .responsible: 18
        case .note: 19
        case .quarterTarget(let q): 19 + q.rawValue
        case .quarterActual(let q): 23 + q.rawValue
        case .bareQuarter(let q): 27 + q.rawValue
        case .headName: 32
        case .headID: 33
        case .headTitle: 34
        case .month: 35
        case .monthActual(let m): 35 + m.rawValue
        case .pemdaCode: 48
        case .pemdaName: 49
        case .province: 50
        }
    }

    static let ordinalCount = 51

    /// The canonical (SPEC) name, used in messages and in reports.
    public var canonicalName: String {
        switch self {
        case .year: "tahun"
        case .agencyCode: "kode_opd"
        case .agencyName: "nama_opd"
        case .objectiveCode: "kode_sasaran"
        case .objective: "sasaran"
        case .indicatorCode: "kode_indikator"
        case .indicator: "indikator"
        case .unit: "satuan"
        case .polarity: "polaritas"
        case .aggregation: "agregasi"
        case .annualTarget: "target_tahunan"
        case .quarterTarget(let q): "target_tw\(q.rawValue)"
        case .quarter: "triwulan"
        case .actual: "realisasi"
        case .quarterActual(let q): "realisasi_tw\(q.rawValue)"
        case .bareQuarter(let q): "tw\(q.rawValue)"
        case .weight: "bobot"
        case .renstraTarget: "target_renstra"
        case .renstraEndYear: "tahun_akhir_renstra"
        case .budgetCeiling: "pagu_anggaran"
        case .budgetActual: "realisasi_anggaran"
        case .responsible: "penanggung_jawab"
        case .note: "keterangan"
        case .headName: "nama_kepala"
        case .headID: "nip_kepala"
        case .headTitle: "jabatan_kepala"
        case .month: "bulan"
        case .monthActual(let m): "realisasi_\(m.abbreviation)"
        case .pemdaCode: "kode_pemda"
        case .pemdaName: "nama_pemda"
        case .province: "provinsi"
        }
    }

    /// Header spellings (normalised: lowercase, no spaces, `_`, `.`, `-`) and their columns.
    private static let aliases: [String: Column] = {
        var table: [String: Column] = [:]
        func add(_ column: Column, _ names: String...) {
            for name in names { table[TermParsing.normalizedKey(name)] = column }
        }
        add(.year, "tahun", "tahun anggaran", "thn", "year", "periode tahun")
        add(.agencyCode, "kode_opd", "kode perangkat daerah", "kode skpd", "kode unit", "kode unit kerja",
            "kode instansi", "kode pd")
        add(.agencyName, "nama_opd", "opd", "perangkat daerah", "nama perangkat daerah", "skpd", "nama skpd",
            "unit kerja", "nama unit kerja", "instansi", "nama instansi", "pd")
        add(.objectiveCode, "kode_sasaran", "kode sasaran strategis", "kode ss")
        add(.objective, "sasaran", "sasaran strategis", "nama sasaran", "sasaran kinerja", "sasaran program",
            "tujuan/sasaran")
        add(.indicatorCode, "kode_indikator", "kode iku", "kode ik", "kode indikator kinerja")
        add(.indicator, "indikator", "indikator kinerja", "nama indikator", "iku", "indikator kinerja utama",
            "indikator sasaran")
        add(.unit, "satuan", "sat", "satuan indikator")
        add(.polarity, "polaritas", "sifat", "arah", "polarisasi", "sifat indikator", "arah indikator",
            "arah kinerja")
        add(.aggregation, "agregasi", "cara agregasi", "jenis agregasi", "metode agregasi", "akumulasi",
            "cara perhitungan")
        add(.annualTarget, "target_tahunan", "target", "target pk", "target perjanjian kinerja", "target tahun",
            "target tahun ini", "target akhir tahun")
        add(.quarter, "triwulan", "tw", "kuartal", "quarter", "periode triwulan")
        add(.month, "bulan", "bln", "month", "periode bulan", "bulan ke")
        add(.actual, "realisasi", "nilai realisasi", "realisasi kinerja", "capaian realisasi")
        add(.weight, "bobot", "bobot indikator")
        add(.renstraTarget, "target_renstra", "target akhir renstra", "target renstra")
        add(.renstraEndYear, "tahun_akhir_renstra", "tahun akhir renstra")
        add(.budgetCeiling, "pagu_anggaran", "pagu", "anggaran", "pagu anggaran")
        add(.budgetActual, "realisasi_anggaran", "realisasi keuangan", "serapan anggaran", "realisasi pagu")
        add(.responsible, "penanggung_jawab", "penanggung jawab", "pj", "pic")
        add(.note, "keterangan", "ket", "catatan")
        add(.pemdaCode, "kode_pemda", "kode pemda", "kode pemerintah daerah", "kode daerah", "kode kabupaten/kota",
            "kode kab/kota", "kode kabkota")
        add(.pemdaName, "nama_pemda", "pemda", "nama pemda", "pemerintah daerah", "nama pemerintah daerah", "kabupaten/kota",
            "kab/kota", "kabkota", "nama daerah", "nama kabupaten/kota")
        add(.province, "provinsi", "nama provinsi", "propinsi")
        add(.headName, "nama_kepala", "nama kepala opd", "nama kepala perangkat daerah", "nama pimpinan")
        add(.headID, "nip_kepala", "nip kepala opd", "nip pimpinan", "nip")
        add(.headTitle, "jabatan_kepala", "jabatan kepala opd", "jabatan pimpinan", "jabatan")
        return table
    }()

    /// The column a header cell names, or `nil` when it is none the loader knows.
    ///
    /// Quarter columns accept a word before the quarter: "Target TW I", "Target PK TW 2",
    /// "Realisasi Triwulan III", "Realisasi TW 3", or a bare "TW I". Month columns take a
    /// month after "Realisasi": "realisasi_jan", "Realisasi Januari", "Realisasi Bulan 1".
    public static func named(_ header: String) -> Column? {
        let key = TermParsing.normalizedKey(header)
        if let column = aliases[key] { return column }
        for prefix in ["targetpk", "target", "realisasi", "real"] where key.hasPrefix(prefix) {
            let rest = String(key.dropFirst(prefix.count))
            guard let quarter = TermParsing.quarter(key: rest, requireMarker: true) else { continue }
            return prefix.hasPrefix("target") ? .quarterTarget(quarter) : .quarterActual(quarter)
        }
        for prefix in ["realisasi", "real"] where key.hasPrefix(prefix) {
            // A bare number needs "bulan": "Realisasi 1" could as well mean the first quarter.
            guard let month = TermParsing.month(key: String(key.dropFirst(prefix.count)), requireMarker: true) else { continue }
            return .monthActual(month)
        }
        return TermParsing.quarter(key: key, requireMarker: true).map { .bareQuarter($0) }
    }
}
