#if canImport(Glibc)
import Glibc
#endif

/// How the process's allocator treats memory that replications free.
public enum HeapPolicy {
    /// Keeps freed memory in the process for the next replication instead of returning it to
    /// the kernel, and serves large arrays from the heap instead of fresh mappings (glibc's
    /// `mallopt`; a no-op elsewhere). Outputs do not depend on it. Returns whether both
    /// settings were taken.
    ///
    /// NOTE: a replication builds and frees a few MB of arrays (10,000 borrowers' positions,
    /// ledger columns, index heaps in benchmark-day). With glibc's default thresholds the frees
    /// at a short replication's end trimmed the heap's top, and the next replication's set-up
    /// faulted every page in again: benchmark-day with `--set duration=12s` took ≈ 612 page
    /// faults a replication (`perf stat -e page-faults`), a third of its samples in the
    /// kernel's fault path and `systrim`; with this policy 0 faults a replication and 2.33 ->
    /// 1.18 ms a replication (0.506×, 9 interleaved rounds). The full day, whose larger heap was
    /// not trimmed, is unchanged (1.004×, noise).
    @discardableResult
    public static func keepFreedMemory() -> Bool {
        #if canImport(Glibc)
        // `mallopt` is declared in malloc.h, which the Glibc module does not import.
        guard let process = dlopen(nil, RTLD_NOW), let symbol = dlsym(process, "mallopt") else { return false }
        let mallopt = unsafeBitCast(symbol, to: (@convention(c) (Int32, Int32) -> Int32).self)
        // malloc.h's M_MMAP_THRESHOLD (−3): mappings only above the largest threshold glibc
        // takes (32 MB on 64-bit); M_TRIM_THRESHOLD (−1): the heap's top is never trimmed.
        return mallopt(-3, 32 << 20) == 1 && mallopt(-1, Int32.max) == 1
        #else
        return false
        #endif
    }
}
