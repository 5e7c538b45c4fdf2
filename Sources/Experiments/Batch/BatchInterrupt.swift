import Foundation
import Synchronization

/// SIGINT handling for batches and runs: the first Ctrl-C asks a batch to stop cleanly (running
/// replications finish and are written, the manifest says `partial`) and a run to stop at the
/// next block (its unfinished files removed, the manifest `partial`); a second one kills.
public enum BatchInterrupt {
    static let requested = Atomic<Bool>(false)

    /// Installs the handler.
    public static func install() {
        signal(SIGINT) { _ in
            if BatchInterrupt.requested.exchange(true, ordering: .relaxed) {
                signal(SIGINT, SIG_DFL)
                raise(SIGINT)
            }
        }
    }

    /// Whether a stop was requested.
    public static var isRequested: Bool { requested.load(ordering: .relaxed) }
}
