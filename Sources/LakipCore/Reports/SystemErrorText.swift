#if canImport(Glibc)
import Glibc
#endif

/// Operating-system errors in Bahasa Indonesia, for messages users read (strerror is English).
enum SystemErrorText {
    /// What `code` (an `errno` value) means, in words a planner can act on.
    static func describe(_ code: Int32) -> String {
        switch code {
        case ENOSPC: return "disk penuh; kosongkan ruang disk lalu jalankan ulang"
        case EDQUOT: return "kuota disk habis; kosongkan ruang atau minta kuota lebih"
        case EFBIG: return "berkas melebihi batas ukuran yang diizinkan (disk atau kuota penuh)"
        case EACCES, EPERM: return "tidak ada izin menulis di sana; pilih folder lain dengan --out atau ubah izinnya"
        case EROFS: return "sistem berkas hanya-baca; pilih folder lain dengan --out"
        case ENOTDIR: return "salah satu bagian path itu berkas, bukan folder"
        case ENOENT: return "folder tidak ada"
        case EISDIR: return "path itu sebuah folder"
        case ENAMETOOLONG: return "nama atau path terlalu panjang"
        case EIO: return "galat perangkat penyimpanan (I/O)"
        case EMFILE, ENFILE: return "terlalu banyak berkas terbuka"
        default: return "galat sistem \(code): \(String(cString: strerror(code)))"
        }
    }
}
