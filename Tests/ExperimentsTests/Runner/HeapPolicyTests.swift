import Testing
@testable import Experiments

@Suite("The allocator keeps the memory replications free")
struct HeapPolicyTests {
    @Test("glibc takes both settings: the mapping threshold is at most its largest (32 MB), the trim threshold any")
    func settingsTaken() {
        #if canImport(Glibc)
        #expect(HeapPolicy.keepFreedMemory())
        #expect(HeapPolicy.keepFreedMemory(), "calling it again changes nothing")
        #else
        #expect(!HeapPolicy.keepFreedMemory())
        #endif
    }
}
