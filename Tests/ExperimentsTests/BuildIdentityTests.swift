import Testing
@testable import Experiments

/// The ELF note parser behind manifest.json's `build_id`, on hand-made note segments.
@Suite("Build identity: GNU build-ID notes")
struct BuildIdentityTests {
    /// One note's bytes: the three header words, then the name and the description, each zero-padded
    /// to `alignment`.
    static func note(name: [UInt8], type: UInt32, description: [UInt8], alignment: Int = 4) -> [UInt8] {
        func word(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
        func padded(_ bytes: [UInt8]) -> [UInt8] { bytes + [UInt8](repeating: 0, count: (alignment - bytes.count % alignment) % alignment) }
        return word(UInt32(name.count)) + word(UInt32(description.count)) + word(type) + padded(name) + padded(description)
    }

    static let gnu = Array("GNU\0".utf8)
    static let id: [UInt8] = Array(1...20)

    static func parse(_ bytes: [UInt8], alignment: Int = 4) -> [UInt8]? {
        bytes.withUnsafeBytes { BuildIdentity.buildID(in: $0, alignment: alignment) }
    }

    @Test("The build ID is found after another GNU note and another owner's type-3 note")
    func afterOtherNotes() {
        let segment = Self.note(name: Self.gnu, type: 1, description: [0, 0, 0, 0, 3, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0])
            + Self.note(name: Array("Go\0".utf8), type: 3, description: [9, 9, 9])
            + Self.note(name: Self.gnu, type: 3, description: Self.id)
        #expect(Self.parse(segment) == Self.id)
    }

    @Test("Notes aligned to 8 bytes are walked with that padding")
    func eightByteAlignment() {
        let segment = Self.note(name: Self.gnu, type: 5, description: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], alignment: 8)
            + Self.note(name: Self.gnu, type: 3, description: Self.id, alignment: 8)
        #expect(Self.parse(segment, alignment: 8) == Self.id)
    }

    @Test("A segment without the note, or cut short inside it, has no build ID")
    func missingOrCut() {
        let other = Self.note(name: Self.gnu, type: 1, description: [1, 2, 3, 4])
        #expect(Self.parse(other) == nil)
        let cut = Array((other + Self.note(name: Self.gnu, type: 3, description: Self.id)).dropLast(1))
        #expect(Self.parse(cut) == nil)
        #expect(Self.parse([]) == nil)
    }

    @Test("The running executable has a build ID of at least 8 bytes, in lowercase hex")
    func current() throws {
        let id = try #require(BuildIdentity.current)
        #expect(id.count >= 16 && id.count % 2 == 0)
        #expect(id.allSatisfy { "0123456789abcdef".contains($0) })
    }
}
