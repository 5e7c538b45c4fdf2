@testable import Scenarios
import Agents

extension World {
    /// A copy of what agents see at `time`, with the mempool: a test's view (a run lends its own
    /// with ``World/withView(at:mempool:_:)``). The copy shares the state's buffers, so the
    /// world's next write copies them.
    func view(at time: Double) -> AgentView {
        var view = sealedView
        view.time = time
        view.pending = chain.mempool
        view.pendingBySender = chain.pendingBySender
        return view
    }
}
