#if canImport(Glibc)
import Glibc
#endif

/// Which build of advsim is running: the GNU build ID the linker stamped into the executable (a
/// hash of its linked contents, `readelf -n` shows it), as lowercase hex. manifest.json records it
/// as `build_id`, so that folders written by different builds can be told apart; `--resume` and
/// `merge` warn when they mix them.
public enum BuildIdentity {
    /// The running executable's build ID, nil when it has none (another platform, or linked
    /// without `--build-id`).
    public static let current: String? = readBuildID()

    /// The type of the note that holds the build ID (`NT_GNU_BUILD_ID`, elf.h).
    private static let buildIDNoteType: UInt32 = 3

    /// Reads the build ID from the executable's note segments as they are mapped in memory
    /// (`dl_iterate_phdr`'s first object is the executable itself).
    private static func readBuildID() -> String? {
        #if canImport(Glibc)
        var found: [UInt8] = []
        _ = withUnsafeMutablePointer(to: &found) { found in
            dl_iterate_phdr({ info, _, context in
                guard let info, let context else { return 1 }
                let result = context.assumingMemoryBound(to: [UInt8].self)
                for index in 0..<Int(info.pointee.dlpi_phnum) {
                    let header = info.pointee.dlpi_phdr[index]
                    guard header.p_type == UInt32(PT_NOTE),
                          let notes = UnsafeRawPointer(bitPattern: UInt(info.pointee.dlpi_addr) &+ UInt(header.p_vaddr)) else { continue }
                    if let id = BuildIdentity.buildID(in: UnsafeRawBufferPointer(start: notes, count: Int(header.p_memsz)),
                                                      alignment: header.p_align == 8 ? 8 : 4) {
                        result.pointee = id
                        break
                    }
                }
                return 1  // the first object only: the executable
            }, UnsafeMutableRawPointer(found))
        }
        return found.isEmpty ? nil : found.map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
        #else
        return nil
        #endif
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
