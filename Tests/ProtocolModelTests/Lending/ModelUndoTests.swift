import Testing
@testable import ProtocolModel

@Suite("Model undo journal")
struct ModelUndoTests {
    @Test("No undo journal's records hold a reference (old values with names or lists go to the side journal), so a record left past an UndoJournal's count keeps nothing alive")
    func recordsAreTrivial() {
        #expect(_isPOD(ModelUndo.self))
        #expect(_isPOD(LedgerUndo.self))
        #expect(_isPOD(PoolUndo.self))
    }
}
