"""Writes notebooks-export/attacks.ipynb (cells without outputs). Run from the repository root
with a Python that has nbformat; `make notebooks` executes and exports it."""
import nbformat as nbf
nb = nbf.v4.new_notebook()
md, code = nbf.v4.new_markdown_cell, nbf.v4.new_code_cell
nb.cells = [
md("""# Attacks: who pays, what an attack costs, and where a defence makes it stop paying

Reads advsim's CSV output with pandas. `make notebooks` runs the tool first and points this
notebook at the fresh output through environment variables:

- `ADVSIM_BZX2_DIR` — `advsim run bzx-oracle-2020` (bZx #2 re-enacted; runs.csv, pnl.csv);
- `ADVSIM_TWAP_BATCH_DIR` — `advsim batch twap-manipulation` with one arbitrageur, sweeping
  `agents.attacker.bundle_share` (the share of block builders the attacker can pay);
- `ADVSIM_FRONTIER_DIR` — `advsim frontier spot-oracle-borrow` over the pool's depth.

Column meanings are in docs/output-format.md; the attacks in docs/attacks.md."""),
code("""import os
from decimal import Decimal
import pandas as pd
import matplotlib.pyplot as plt

bzx_dir = os.environ.get("ADVSIM_BZX2_DIR", "../results/notebooks/bzx2")
twap_dir = os.environ.get("ADVSIM_TWAP_BATCH_DIR", "../results/notebooks/twap")
frontier_dir = os.environ.get("ADVSIM_FRONTIER_DIR", "../results/notebooks/frontier")"""),
md("""## bZx #2: the P&L of every party

pnl.csv has one row per party and asset: `amount` in exact token units (final − initial
holdings, lending claims included), `value` at the end reference prices in the numeraire (ETH
here). Value is moved, never made: each asset's amounts sum to exactly zero."""),
code("""pnl = pd.read_csv(os.path.join(bzx_dir, "pnl.csv"), dtype={"amount": str})
sums = pnl.groupby("asset")["amount"].apply(lambda amounts: sum(Decimal(a) for a in amounts))
assert (sums == 0).all(), sums
by_party = pnl.pivot_table(index="party", columns="asset", values="value", aggfunc="sum").fillna(0)
by_party["total (ETH)"] = by_party.sum(axis=1)
by_party.sort_values("total (ETH)")"""),
code("""run = pd.read_csv(os.path.join(bzx_dir, "runs.csv"))
attack = run.filter(regex="^(attack_|flash_loan_|price_impact_loss|bribes)").T.rename(columns={0: "ETH"})
assert abs(by_party.loc["attacker", "total (ETH)"] - run.loc[0, "attack_net_profit"]) < 1e-6
attack"""),
md("""## A multi-block TWAP attack: the builders it can pay decide whether it pays

In a block whose builder it pays, the attacker's push closes the block, so the TWAP records its
target; in the others an arbitrageur sells the push back first. Each replication draws which
blocks it buys (probability `bundle_share` per block): the net profit's distribution moves from
a sure loss to a sure gain."""),
code("""runs = pd.read_csv(os.path.join(twap_dir, "runs.csv"))
share = "param_agents_attacker_bundle_share"
fig, (left, right) = plt.subplots(1, 2, figsize=(12, 4))
for value, rows in runs.groupby(share):
    left.hist(rows["attack_net_profit"], bins=12, alpha=0.6, label=f"bundle_share {value}")
    right.scatter(rows["attack_cost"], rows["attack_net_profit"], label=f"bundle_share {value}", alpha=0.7)
left.axvline(0, color="grey"); left.set_xlabel("attack net profit (ETH)"); left.legend()
right.axhline(0, color="grey"); right.set_xlabel("attack cost (ETH)"); right.set_ylabel("attack net profit (ETH)"); right.legend()
plt.tight_layout(); plt.show()"""),
code("""summary = pd.read_csv(os.path.join(twap_dir, "summary.csv"))
net = summary[summary["metric"] == "attack_net_profit"]
table = net[[share, "mean", "ci95_low", "ci95_high", "p_positive", "diff_mean"]].set_index(share)
assert table["mean"].is_monotonic_increasing
table"""),
md("""## The frontier of a spot-oracle loan: safe from the closed-form break-even depth

A market lends ETH against TOK priced by the spot price of one fee-less pool of x ETH. Buying with
a ETH (a flash loan of at most 1,000) and borrowing against the pushed price pays
a·(cf·(x + a)/x − 1) with cf = 0.5: the protocol is safe from x = cf·a/(1 − cf) = 1,000 ETH
(100,000 TOK of depth). `advsim frontier` optimises the attack at each depth and bisects."""),
code("""frontier = pd.read_csv(os.path.join(frontier_dir, "frontier.csv"))
depth = "param_pools_tok_eth_reserve0"
x = frontier[depth] / 100  # ETH of depth at 0.01 ETH/TOK
closed = (1000 * (0.5 * (x + 1000) / x - 1)).clip(lower=0)
fig, ax = plt.subplots(figsize=(8, 4))
ax.plot(x, closed, color="grey", label="closed form, a = 1,000 ETH")
ax.scatter(x, frontier["best_mean"], c=frontier["safe"].map({True: "tab:green", False: "tab:red"}), zorder=3,
           label="best mean net profit (green: safe)")
ax.axvline(1000, linestyle="--", color="black", label="break-even depth")
ax.set_xlabel("pool depth (ETH)"); ax.set_ylabel("best attack net profit (ETH)"); ax.legend(); plt.tight_layout(); plt.show()
threshold = frontier[frontier["safe"]][depth].min() / 100
assert 1000 <= threshold < 1005, threshold
assert ((frontier["best_mean"] - closed).abs() < 1e-6).all()
frontier[[depth, "stage", "best_mean", "ci_high", "cost", "safe"]]"""),
]
nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
nbf.write(nb, "notebooks-export/attacks.ipynb")
