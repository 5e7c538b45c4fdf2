import Foundation

/// Which build of advsim is running: the GNU build ID the linker stamped into the executable (a
/// hash of its linked contents, `readelf -n` shows it), as lowercase hex. manifest.json records it
/// as `build_id`, so that folders written by different builds can be told apart; `--resume` and
/// `merge` warn when they mix them.
public enum BuildIdentity {
    /// The running executable's build ID, nil when it has none (linked without `--build-id`) or it
    /// cannot be read (not Linux: no `/proc/self/exe`).
    public static let current: String? = readBuildID()

    /// The type of the note that holds the build ID (`NT_GNU_BUILD_ID`, elf.h).
    private static let buildIDNoteType: UInt32 = 3
    /// The program header type of a note segment (`PT_NOTE`, elf.h).
    private static let noteSegmentType: UInt32 = 4

    /// Reads the build ID from the note segments of the executable's file (`/proc/self/exe`):
    /// its ELF header, its program headers, then each `PT_NOTE` segment (a few kilobytes read in all).
    private static func readBuildID() -> String? {
        guard let file = FileHandle(forReadingAtPath: "/proc/self/exe") else { return nil }
        defer { try? file.close() }
        func read(_ count: Int, at offset: UInt64) -> Data? {
            guard (try? file.seek(toOffset: offset)) != nil, let data = try? file.read(upToCount: count), data.count == count else { return nil }
            return data
        }
        // A 64-bit little-endian ELF file (Linux on x86-64 and AArch64).
        guard let header = read(64, at: 0), header.starts(with: [0x7F, 0x45, 0x4C, 0x46]), header[4] == 2, header[5] == 1 else { return nil }
        func field<T: FixedWidthInteger>(_ data: Data, _ offset: Int, _: T.Type) -> T {
            data.withUnsafeBytes { T(littleEndian: $0.loadUnaligned(fromByteOffset: offset, as: T.self)) }
        }
        let tableOffset = field(header, 32, UInt64.self)
        let entrySize = Int(field(header, 54, UInt16.self)), entries = Int(field(header, 56, UInt16.self))
        guard entrySize >= 56, let table = read(entrySize * entries, at: tableOffset) else { return nil }
        for entry in 0..<entries {
            let base = entry * entrySize
            guard field(table, base, UInt32.self) == noteSegmentType else { continue }
            let offset = field(table, base + 8, UInt64.self), size = field(table, base + 32, UInt64.self)
            guard size <= 1 << 20, let notes = read(Int(size), at: offset) else { continue }
            let alignment = field(table, base + 48, UInt64.self) == 8 ? 8 : 4
            if let id = notes.withUnsafeBytes({ buildID(in: $0, alignment: alignment) }) {
                return id.map { byte in (byte < 16 ? "0" : "") + String(byte, radix: 16) }.joined()
            }
        }
        return nil
    }

    /// The description of the first GNU build-ID note in `notes` (an ELF note segment whose
    /// entries are aligned to `alignment` bytes), nil when there is none or the segment is cut short.
    ///
    /// Each note is a header of three 4-byte words (name size, description size, type), then the
    /// name ("GNU" and its terminating zero) and the description, each padded to the alignment.
    static func buildID(in notes: UnsafeRawBufferPointer, alignment: Int) -> [UInt8]? {
        func padded(_ size: Int) -> Int { (size + alignment - 1) / alignment * alignment }
        var offset = 0
        while offset + 12 <= notes.count {
            let nameSize = Int(notes.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
            let descriptionSize = Int(notes.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self))
            let type = notes.loadUnaligned(fromByteOffset: offset + 8, as: UInt32.self)
            let name = offset + 12, description = name + padded(nameSize)
            guard description + descriptionSize <= notes.count else { return nil }
            if type == buildIDNoteType, nameSize == 4, Array(notes[name..<name + 4]) == Array("GNU\0".utf8) {
                return Array(notes[description..<description + descriptionSize])
            }
            offset = description + padded(descriptionSize)
        }
        return nil
    }
}
