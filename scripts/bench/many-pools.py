#!/usr/bin/env python3
"""Writes a scenario of many pools (a DEX of many pairs) to stdout: the cost of a block that
grows with pools nobody trades (BENCHMARKS.md, "Many pools").

    python3 scripts/bench/many-pools.py 1000 > /tmp/many.yaml
    advsim bench scenario /tmp/many.yaml --set duration=2h --replications 1
    advsim run /tmp/many.yaml --set duration=2h --out /tmp/many-run    # with the timeseries writer

Per block: the instructions (callgrind) of the 2 h run less those of a 12 s run, / 1,198.

POOLS ETH/USDC pools (the first as deep as benchmark-day's, the others 1 % of it); a spot oracle
on the first prices the ETH collateral of 1,000 borrowers; two noise traders trade only the first
pool, twice a block; two liquidators; no shock (a quiet market).
"""
import sys

pools = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
print(f"""name: many-pools-{pools}
seed: 20261127
duration: 2h
chain: {{native_asset: ETH, block_time: 12s, gas_price: 20}}
assets:
  ETH: {{decimals: 18, price: 2000, process: {{model: gbm, drift: 0, volatility: 0.8}}}}
  USDC: {{decimals: 6, price: 1, process: {{model: constant}}}}
pools:""")
for index in range(pools):
    print(f"  p{index}: {{token0: ETH, token1: USDC, reserve0: {5000 if index == 0 else 50}, fee: 0.003}}")
print("""oracles:
  eth_price: {type: spot, pool: p0, base: ETH}
  usdc_price: {type: constant, value: 1}
lending_markets:
  eth_market:
    unit: USD
    close_factor: 0.5
    assets:
      ETH: {oracle: eth_price, collateral_factor: 0.8, liquidation_threshold: 0.8, bonus: 0.08, borrowable: false}
      USDC: {oracle: usdc_price, supply: 1000000000}
agents:
  noise_traders:
    count: 2
    pools: [p0]
    rate: 300
    size: {dist: lognormal, mu: 1.6094379, sigma: 0.5}
    size_asset: ETH
    capital: {ETH: 100000, USDC: 200000000}
    slippage: 0.5
  borrowers:
    count: 1000
    market: eth_market
    collateral: ETH
    amount: {dist: lognormal, mu: 1.8025851, sigma: 1}
    debt: USDC
    health: {dist: uniform, min: 1.05, max: 3}
  liquidators:
    count: 2
    market: eth_market
    capital: {ETH: 1000, USDC: 1000000}
    min_profit: 0""")
