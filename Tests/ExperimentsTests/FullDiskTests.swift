import Foundation
import Testing
@testable import Experiments

/// A write the disk refuses (/dev/full: ENOSPC on every write) is an ``OutputError`` naming the
/// file and the system's reason — not Foundation's NSError text.
@Suite("Writing onto a full disk")
struct FullDiskTests {
    @Test("A batch's appended rows that cannot be written: `cannot write '/dev/full': No space left on device`")
    func appendFile() throws {
        let file = try AppendFile(path: "/dev/full")
        try file.append("0,0,1")
        do {
            try file.flush()
            Issue.record("flushing into /dev/full did not throw")
        } catch let error as OutputError {
            #expect(error.description == "cannot write '/dev/full': No space left on device")
        }
    }

    @Test("An output file written in place into /dev/full: the same message when it is finished")
    func outputFile() throws {
        let file = try OutputFile(path: "/dev/full")
        try file.writeLine("a,b")
        do {
            try file.finish()
            Issue.record("finishing into /dev/full did not throw")
        } catch let error as OutputError {
            #expect(error.description == "cannot write '/dev/full': No space left on device")
        }
    }
}
