import Foundation
import Scenarios

extension Scenario {
    /// SHA-256 identifying the scenario as run (manifest.json's `scenario.resolved_sha256`): of
    /// its resolved YAML (every `extends` parent merged, every default and override applied) with
    /// each file it reads — replay price CSVs, the borrower snapshot — named by the SHA-256 of its
    /// bytes instead of by its path. So it changes when a parent, an override or such a file
    /// does, and not with the working directory a batch or shard is started from.
    ///
    /// - Parameter resolved: this scenario's ``resolvedYAML()``, already rendered: hashed as it
    ///   is when the scenario reads no file (a second rendering cost ≈ 0.35 M instructions of
    ///   an amm-arbitrage run, callgrind).
    func resolvedSHA256(resolved: String) -> String {
        guard borrowerSnapshotPath != nil || assets.contains(where: { $0.replayFile != nil }) else {
            return SHA256.hex(Array(resolved.utf8))
        }
        var named = self
        for index in named.assets.indices {
            named.assets[index].replayFile = named.assets[index].replayFile.map(Self.contentName)
        }
        if case .snapshot(var snapshot) = named.borrowers?.positions {
            snapshot.resolvedPath = Self.contentName(snapshot.resolvedPath)
            named.borrowers?.positions = .snapshot(snapshot)
        }
        return SHA256.hex(Array(named.resolvedYAML().utf8))
    }

    /// `sha256:HEX` of the bytes of the file at `path`, or `unreadable:PATH` when it cannot be
    /// read (it was read to decode the scenario; one removed since is a change too).
    private static func contentName(_ path: String) -> String {
        FileManager.default.contents(atPath: path).map { "sha256:" + SHA256.hex($0) } ?? "unreadable:" + path
    }
}
