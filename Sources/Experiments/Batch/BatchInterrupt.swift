import Foundation
import Synchronization

/// SIGINT and SIGTERM handling for batches and runs: the first signal asks a batch to stop
/// cleanly (running replications finish and are written, the manifest says `partial`) and a run
/// to stop at the next block (its unfinished files removed, the manifest `partial`); a second
/// one kills. SIGTERM is what Slurm sends at a time limit or a preemption, before its SIGKILL: a
/// requeued `--resume` task then continues from whole rows.
public enum BatchInterrupt {
    /// The signal that asked for the stop; 0 while none has.
    static let requested = Atomic<Int32>(0)

    /// Installs the handler for SIGINT and SIGTERM, and unblocks them: a parent may start advsim
    /// with them blocked (Foundation's `Process` passes on its threads' mask), which held a
    /// SIGTERM pending until the batch ended. Threads started later inherit the mask.
    public static func install() {
        var stops = sigset_t()
        sigemptyset(&stops)
        for stop in [SIGINT, SIGTERM] {
            sigaddset(&stops, stop)
            signal(stop) { received in
                if BatchInterrupt.requested.exchange(received, ordering: .relaxed) != 0 {
                    signal(received, SIG_DFL)
                    raise(received)
                }
            }
        }
        pthread_sigmask(SIG_UNBLOCK, &stops, nil)
    }

    /// Whether a stop was requested.
    public static var isRequested: Bool { requested.load(ordering: .relaxed) != 0 }

    /// The exit code of a stopped command, the shell's for the signal: 130 for SIGINT (Ctrl-C),
    /// 143 for SIGTERM.
    public static var exitCode: Int32 { 128 + max(requested.load(ordering: .relaxed), SIGINT) }
}
