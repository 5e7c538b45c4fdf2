import Testing
@testable import ProtocolModel

@Suite("Model undo journal")
struct ModelUndoTests {
    @Test("A model journal record holds no reference: old values with names or lists go to the side journal")
    func recordsAreTrivial() {
        #expect(_isPOD(ModelUndo.self))
    }
}
