#!/usr/bin/env python3
"""Ugly inputs against the release binary: every command, every scenario key.

Usage: scripts/fuzz/ugly_inputs.py [--binary .build/release/advsim] [--jobs 2] [--quick]

Two kinds of cases:
  * hand-written command lines (empty, binary and BOM files, bad options, unwritable --out,
    bad shards and sweeps, broken snapshot and replay CSVs, extends: cycles, --set paths …);
  * a sweep over every leaf of every shipped scenario's resolved form (`advsim validate`):
    each leaf is replaced by ugly values (0, -1, NaN, inf, 1e400, 2^200, wrong types …) or
    deleted, and the mutant is run with `advsim run`.

A case is flagged when the process dies of a signal or a trap, exits with a code other than
0 or 2 (1, a runtime failure, is listed separately for review), times out, prints a bad-input
message without `file:line:column` for the file involved, or leaves an output folder or a
partial file behind after an error. Prints one line per finding and a summary; exits 1 when
anything was flagged.
"""
import argparse
import concurrent.futures
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile

import yaml

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
TIMEOUT = 60

NUMBER_VALUES = ["0", "-1", "0.5", "1e400", ".nan", "-.inf", "1e40", "1606938044258990275541962092341162602522202993782792835301376",
                 "4294967297", "1e-300", "abc", "[1, 2]", "~",
                 # Valid but extreme: near the 2^112 load limit, one raw unit, just below 1, the most agents.
                 "5e33", "5e15", "1e-18", "1e-6", "0.999999999", "36", "10000"]
DURATION_VALUES = ["0s", "-5m", "99999999999999d", "0.0001s", "x", "[1]"]
STRING_VALUES = ["nosuch", "0", "[a]", "~"]
BOOL_VALUES = ["maybe", "[true]"]


class Case:
    def __init__(self, name, args, files=None, expect_file=None, out=None, before=None, refuse=False, in_file=False):
        self.name, self.args, self.files = name, args, files or {}
        self.expect_file = expect_file  # a bad-input message must be located in this file
        self.in_file = in_file          # ... there, not on the command line (the error comes from the file's own section)
        self.out = out                  # an output path that must not exist after an error
        self.before = before            # (args, damage): a command (or a list of commands) run first, then
                                        # damage({dir}/out); after an error, {dir}/out must hold the same bytes as before
        self.refuse = refuse            # the input is bad: exit 0 is a finding too


def folder_bytes(path):
    """Every file under `path` with its bytes (a folder as None), to check nothing changed."""
    found = {}
    for root, folders, files in os.walk(path):
        for name in folders:
            found[os.path.relpath(os.path.join(root, name), path)] = None
        for name in files:
            with open(os.path.join(root, name), "rb") as handle:
                found[os.path.relpath(os.path.join(root, name), path)] = handle.read()
    return found


def run_case(binary, case, workdir):
    """Runs one case in its own folder; returns a list of problems (empty when fine)."""
    folder = tempfile.mkdtemp(dir=workdir)
    try:
        for name, content in case.files.items():
            path = os.path.join(folder, name)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as handle:
                handle.write(content if isinstance(content, bytes) else content.encode())
        data = os.path.join(folder, "data")
        if not os.path.exists(data):
            os.symlink(os.path.join(ROOT, "scenarios", "data"), data)
        args = [a.replace("{dir}", folder) for a in case.args]
        env = dict(os.environ, ADVSIM_SCENARIOS=os.path.join(ROOT, "scenarios"))
        snapshot = None
        if case.before:
            before_args, damage = case.before
            for command in before_args if isinstance(before_args[0], list) else [before_args]:
                first = subprocess.run([binary] + [a.replace("{dir}", folder) for a in command], cwd=folder, env=env,
                                       capture_output=True, timeout=TIMEOUT)
                if first.returncode != 0:
                    return [f"setup exit {first.returncode}: {first.stderr.decode('utf-8', 'replace')[-300:]}"]
            damage(os.path.join(folder, "out"))
            snapshot = folder_bytes(os.path.join(folder, "out"))
        try:
            proc = subprocess.run([binary] + args, cwd=folder, env=env, capture_output=True, timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            return [f"timeout after {TIMEOUT} s"]
        err = proc.stderr.decode("utf-8", "replace")
        problems = []
        if proc.returncode < 0:
            problems.append(f"signal {signal.Signals(-proc.returncode).name}: {err[-300:]}")
        elif proc.returncode not in (0, 2):
            problems.append(f"exit {proc.returncode}: {err.strip()[-300:]}")
        if proc.returncode == 0 and case.refuse:
            problems.append("accepted bad input (exit 0)")
        if "Fatal error" in err or "Stack dump" in err:
            problems.append("trap: " + err[-300:])
        if proc.returncode == 2 and case.expect_file:
            expected = case.expect_file.replace("{dir}", folder)
            # A value that makes a row of a data file the scenario reads impossible (a position of
            # a snapshot the market then refuses) is reported at that row: located too.
            located = re.search(re.escape(expected) + r":\d+:\d+: ", err) or not case.in_file and (re.search(
                re.escape(folder) + r"/[^ :]+:\d+:\d+: ", err) or "<command line>:" in err
                or re.search(re.escape(os.path.join(ROOT, "scenarios", "data")) + r"/[^ :]+:\d+:\d+: ", err))
            if not located:
                problems.append("not located: " + err.strip()[:300])
        if proc.returncode != 0 and case.out:
            out = case.out.replace("{dir}", folder)
            if os.path.exists(out):
                problems.append(f"left {os.path.relpath(out, folder)} behind: {sorted(os.listdir(out)) if os.path.isdir(out) else 'a file'}")
        if proc.returncode != 0 and snapshot is not None and folder_bytes(os.path.join(folder, "out")) != snapshot:
            problems.append("changed the folder it refused")
        leftovers = [f for f in os.listdir(folder) if ".tmp" in f or ".partial" in f]
        if leftovers:
            problems.append(f"temporary files left: {leftovers}")
        return problems
    finally:
        shutil.rmtree(folder, ignore_errors=True)


VALID = "duration: 1h\nchain: {native_asset: ETH}\nassets:\n  ETH: {price: 3000}\n  USDC: {decimals: 6, price: 1}\n"


def hand_cases():
    """Command lines and files written by hand."""
    cases = []

    def scenario(name, text, extra=None, command="run", args=()):
        files = {"s.yaml": text, **(extra or {})}
        rest = ["--out", "{dir}/out"] if command in ("run", "batch", "optimize", "frontier") else []
        extra_args = ["-n", "2"] if command in ("batch", "optimize", "frontier") else []
        case = Case(f"{command}: {name}", [command, "{dir}/s.yaml"] + extra_args + list(args) + rest, files,
                    expect_file="{dir}/s.yaml", out="{dir}/out" if rest else None)
        cases.append(case)

    for command in ("run", "validate", "batch", "slurm", "optimize"):
        scenario("empty file", "", command=command, args=["--array", "2"] if command == "slurm" else [])
    scenario("whitespace only", "   \n\t\n  \n")
    scenario("binary", bytes(range(256)) * 4)
    scenario("BOM", "\ufeff" + VALID)
    scenario("CRLF", VALID.replace("\n", "\r\n"))
    scenario("NUL byte", VALID + "name: a\x00b\n")
    scenario("top-level list", "- a\n- b\n")
    scenario("top-level scalar", "42\n")
    scenario("tabs", VALID.replace("  ETH", "\tETH"))
    scenario("duplicate key", VALID + "duration: 2h\n")
    scenario("anchors", "x: &d 1h\nduration: *d\n" + VALID.split("\n", 1)[1])
    scenario("merge key", VALID + "pools:\n  a: &p {token0: ETH, token1: USDC, reserve0: 1}\n  b: {<<: *p}\n")
    scenario("unterminated quote", VALID + "name: 'abc\n")
    scenario("unterminated flow", VALID + "pools: {a: [1, 2\n")
    scenario("huge line", VALID + "name: " + "a" * 5_000_000 + "\n")
    scenario("many keys", VALID + "pools:\n" + "".join(f"  p{i}: {{token0: ETH, token1: USDC, reserve0: 1}}\n" for i in range(20000)),
             command="validate")  # `run` takes minutes: each block seals every pool
    scenario("extends cycle", "extends: t.yaml\n" + VALID, {"t.yaml": "extends: s.yaml\n"})
    scenario("extends self", "extends: s.yaml\n" + VALID)
    scenario("extends missing", "extends: nope.yaml\n" + VALID)
    scenario("extends folder", "extends: data\n" + VALID)
    scenario("extends number", "extends: 5\n" + VALID)
    scenario("extends list of map", "extends: [{a: 1}]\n" + VALID)
    scenario("extends binary", "extends: b.yaml\n" + VALID, {"b.yaml": bytes(range(256))})
    scenario("extends empty base", "extends: b.yaml\n" + VALID, {"b.yaml": ""})
    scenario("extends list base", "extends: b.yaml\n" + VALID, {"b.yaml": "- 1\n"})
    scenario("extends /dev/zero", "extends: /dev/zero\n" + VALID)
    for override in ["nosuch=1", "duration=abc", "duration=-1h", "assets.ETH.price=.nan", "assets=[1]",
                     "assets.ETH.price.x=1", "=1", "a..b=1", "duration", "chain.native_asset=NOPE",
                     "assets.ETH.decimals=99999999999999999999", "assets.ETH.price={", "assets.ETH=~",
                     "assets.ETH.price=1e400", "duration=1e400", "seed=-1", "seed=18446744073709551616"]:
        scenario(f"--set {override}", VALID, args=["--set", override])
        scenario(f"--set {override}", VALID, command="validate", args=["--set", override])
    # A scenario's own sweep: each error must be located in s.yaml (not blamed on a --sweep or
    # --design nobody gave), by batch and by slurm (which checks the sweep before printing a script).
    pool = "pools:\n  p: {token0: ETH, token1: USDC, reserve0: 1}\n"
    for name, section in {"grid with a range": "  parameters:\n    pools.p.fee: range:0:1\n",
                          "lhs with a list": "  design: lhs:3\n  parameters:\n    pools.p.fee: [0.001, 0.01]\n",
                          "bad design": "  design: nope\n  parameters:\n    pools.p.fee: [0.001]\n",
                          "sobol:0": "  design: sobol:0\n  parameters:\n    pools.p.fee: range:0:1\n",
                          "sobol without ranges": "  design: sobol:3\n  parameters: {}\n",
                          "short lin": "  parameters:\n    pools.p.fee: lin:0:1\n",
                          "log from 0": "  parameters:\n    pools.p.fee: log:0:1:3\n",
                          "empty range": "  design: lhs:2\n  parameters:\n    pools.p.fee: range:1:0\n",
                          "empty value": "  parameters:\n    pools.p.fee: '1,,2'\n",
                          "unknown key": "  parameters:\n    nosuch.key: [1, 2]\n",
                          "non-numeric values": "  parameters:\n    pools.p.fee: [a, b]\n",
                          "key swept twice": "  parameters:\n    pools.p.fee: [0.001]\n    pools.p.fee: [0.01]\n",
                          "10^8 points": "  parameters:\n    pools.p.fee: lin:0:0.01:10000\n    seed: lin:1:10000:10000\n",
                          "parameters a number": "  parameters: 5\n",
                          "value a mapping": "  parameters:\n    pools.p.fee: {a: 1}\n"}.items():
        text = VALID + pool + "sweep:\n" + section
        for command, args in (("batch", []), ("slurm", ["--array", "2"]), ("validate", [])):
            scenario(f"sweep: {name}", text, command=command, args=args)
            cases[-1].refuse = cases[-1].in_file = True
    # A scenario's own search: a key or a bound the scenario refuses is located at its entry, by
    # optimize and by validate.
    for name, section in {"unknown key": "    nosuch.key: {min: 1, max: 2}\n",
                          "key of a missing pool": "    pools.q.fee: {min: 0.001, max: 0.01}\n",
                          "bound out of range": "    pools.p.fee: {min: 0.5, max: 1}\n",
                          "negative reserve": "    pools.p.reserve0: {min: -2, max: -1}\n",
                          "integer key": "    seed: {min: 1.5, max: 2.5}\n"}.items():
        text = VALID + pool + "search:\n  objective: swap_fees\n  grid: 2\n  starts: 1\n  parameters:\n" + section
        for command in ("optimize", "validate"):
            scenario(f"search: {name}", text, command=command)
            cases[-1].refuse = cases[-1].in_file = True
    for flags in (["--design", "grid"], ["--design", "sobol:2", "--sweep", "pools.p.fee=1,2"]):
        scenario("sweep: lhs range under " + " ".join(flags), VALID + pool + "sweep:\n  design: lhs:2\n  parameters:\n    pools.p.fee: range:0:1\n",
                 command="batch", args=flags)
        cases[-1].refuse = True
    cases[-1].expect_file = None  # the --sweep replaces the scenario's axis: the flag's error, not located
    # Shipped scenarios with broken side files.
    borrowers = ("lending_markets:\n  m:\n    unit: USD\n    assets:\n      ETH: {oracle: e, collateral_factor: 0.75, liquidation_threshold: 0.8, bonus: 0.05}\n"
                 "      USDC: {oracle: u, supply: 1000000, borrowable: true}\n"
                 "oracles:\n  e: {type: constant, value: 3000, unit: USD}\n  u: {type: constant, value: 1, unit: USD}\n"
                 "agents:\n  borrowers: {market: m, snapshot: p.csv}\n")
    header = "account,collateral_asset,collateral_amount,debt_asset,debt_amount\n"
    snapshots = {
        "empty": "", "header only": header, "missing column": "account,collateral_asset,collateral_amount,debt_asset\nalice,ETH,1,USDC\n",
        "extra column": header.strip() + ",x\nalice,ETH,10,USDC,100,7\n", "short row": header + "alice,ETH,10\n",
        "negative": header + "alice,ETH,-10,USDC,100\n", "unknown asset": header + "alice,DOGE,10,USDC,100\n",
        "duplicate": header + "alice,ETH,10,USDC,100\nalice,ETH,10,USDC,100\n", "CRLF": (header + "alice,ETH,10,USDC,100\n").replace("\n", "\r\n"),
        "BOM": "\ufeff" + header + "alice,ETH,10,USDC,100\n", "huge": header + "alice,ETH,1e400,USDC,100\n",
        "2^200": header + "alice,ETH,1606938044258990275541962092341162602522202993782792835301376,USDC,100\n",
        "overflow by decimals": header + "alice,ETH,10000000000000000000000000000000000000000,USDC,100\n",
        "nan": header + "alice,ETH,nan,USDC,100\n", "too many decimals": header + "alice,ETH,1.0000000000000000001,USDC,1\n",
        "binary": bytes(range(256)), "quoted": header + "\"alice\",ETH,10,USDC,100\n", "same asset": header + "alice,ETH,10,ETH,1\n",
        "beyond borrowing power": header + "alice,ETH,1,USDC,1000000\n", "empty account": header + ",ETH,10,USDC,100\n",
        "debt without collateral": header + "alice,ETH,0,USDC,100\n", "folder": None,
    }
    for name, content in snapshots.items():
        extra = {"p.csv": content} if content is not None else {"p.csv/x": "x"}
        scenario(f"snapshot {name}", VALID + borrowers, extra)
    replay = "assets:\n  ETH: {price: 3000, process: {model: replay, file: r.csv}}\n  USDC: {decimals: 6, price: 1}\n"
    for name, content in {"empty": "", "header only": "time,price\n", "wrong header": "t,p\n0,1\n", "nan": "time,price\n0,nan\n",
                          "negative price": "time,price\n0,-1\n", "zero price": "time,price\n0,0\n", "unsorted": "time,price\n10,1\n5,2\n",
                          "duplicate time": "time,price\n0,1\n0,2\n", "negative time": "time,price\n-5,1\n", "huge": "time,price\n0,1e400\n",
                          "CRLF": "time,price\r\n0,3000\r\n60,3100\r\n", "BOM": "\ufefftime,price\n0,3000\n", "binary": bytes(range(256)),
                          "short row": "time,price\n0\n", "extra": "time,price\n0,1,2\n", "inf time": "time,price\ninf,1\n"}.items():
        scenario(f"replay {name}", "duration: 1h\nchain: {native_asset: ETH}\n" + replay, {"r.csv": content})
    scenario("replay missing", "duration: 1h\nchain: {native_asset: ETH}\n" + replay)
    # Command-line options.
    shipped = os.path.join(ROOT, "scenarios", "amm-arbitrage.yaml")

    def command(name, args, out="{dir}/out", files=None):
        case = Case(name, args, files, out=out)
        cases.append(case)

    for out in ["/proc/nope/x", "/dev/null", "{dir}/file", "{dir}/file/x", ""]:
        for sub in (["run", shipped], ["batch", shipped, "-n", "1", "--quiet"], ["optimize", "spot-oracle-borrow", "-n", "1", "--quiet"]):
            command(f"{sub[0]} --out '{out}'", sub + ["--out", out], out=None, files={"file": "x"})
    command("merge --out unwritable", ["merge", "{dir}/shard", "--out", "/proc/nope"], out=None,
            files={"shard/manifest.json": "{}", "shard/runs.csv": "a\n"})
    for args in (["-n", "0"], ["-n", "-1"], ["-n", "99999999999999999999"], ["--threads", "0"], ["--threads", "-3"],
                 ["--threads", "100000"], ["--shard", "2/2"], ["--shard", "-1/2"], ["--shard", "0/0"], ["--shard", "1/99999999999999999999"],
                 ["--shard", "0/1000000000"], ["--shard", "x"], ["--seed", "-1"], ["--seed", "18446744073709551616"],
                 ["--design", "lhs:0"], ["--design", "sobol:-1"], ["--design", "nope"], ["--sweep", "duration=1h,-1h"],
                 ["--sweep", "nosuch=1,2"], ["--sweep", "pools.eth_usdc.fee=lin:0:1:3"], ["--sweep", "pools.eth_usdc.fee=log:1e-9:1e400:3"],
                 ["--sweep", "pools.eth_usdc.fee"], ["--sweep", "=1,2"], ["--sweep", "pools.eth_usdc.fee=range:0:0.01"],
                 ["--design", "lhs:3", "--sweep", "pools.eth_usdc.fee=range:0.01:0"], ["--design", "sobol:3", "--sweep", "pools.eth_usdc.fee=logrange:0:1"],
                 ["--resume"], ["--set", "agents.arbitrageurs.count=100000000"]):
        command("batch " + " ".join(args), ["batch", shipped, "-n", "2", "--quiet", "--out", "{dir}/out"] + args)
    resume_damages(cases)
    merge_damages(cases)
    for args in (["--search", "x=range:0:1"], ["--search", "agents.attacker.borrow_fraction=range:1:0"], ["--search", "pools.tok_eth.fee=range:nan:1"],
                 ["--search", "pools.tok_eth.fee=logrange:0:1"], ["--search", "pools.tok_eth.fee"], ["--objective", "nosuch"], ["--threads", "0"], ["-n", "0"]):
        command("optimize " + " ".join(args), ["optimize", "spot-oracle-borrow", "-n", "1", "--quiet", "--out", "{dir}/out"] + args)
    for args in (["--defence", "pools.tok_eth.fee=a,b"], ["--defence", "nosuch=1,2"], ["--defence", "pools.tok_eth.fee=0.01"], ["--bisect", "-1"],
                 ["--bisect", "1000000"], ["-n", "1"], ["--defence", "pools.tok_eth.fee=lin:0:0.5:99999999"]):
        base = ["frontier", "spot-oracle-borrow", "--quiet", "--out", "{dir}/out"]
        if not any(a == "-n" for a in args):
            base += ["-n", "2"]
        if not any(a == "--defence" for a in args):
            base += ["--defence", "pools.tok_eth.fee=0.003,0.01"]
        command("frontier " + " ".join(args), base + args)
    for args in (["--array", "0"], ["--array", "-1"], ["--array", "99999999999"], ["--cpus-per-task", "0"], ["--array", "2", "--time", "$(rm -rf /)"],
                 ["--array", "2", "--partition", "a b'\"; rm"], ["--array", "2", "--out", "a b'\""], ["--array", "2", "--sweep", "x=1"]):
        command("slurm " + " ".join(args), ["slurm", shipped] + args, out=None)
    merge_files = {"a/manifest.json": "{", "b/manifest.json": "[]", "c/manifest.json": "{\"shard\": {\"index\": 5, \"count\": 2}}",
                   "e/manifest.json": "", "f/manifest.json": bytes(range(256)), "g/runs.csv": "x\n"}
    for shard in ["a", "b", "c", "d", "e", "f", "g"]:
        command(f"merge {shard}", ["merge", "{dir}/" + shard, "--out", "{dir}/out"], files=merge_files)
    command("merge none", ["merge", "--out", "{dir}/out"])
    command("merge into itself", ["merge", "{dir}/a", "--out", "{dir}/a"], out=None, files=merge_files)
    for name, content in {"empty": "", "header only": "type,S,K,T,r,sigma\n", "nan": "type,S,K,T,r,sigma\ncall,nan,1,1,0,0.2\n",
                          "negative": "type,S,K,T,r,sigma\ncall,-1,1,1,0,0.2\n", "huge": "type,S,K,T,r,sigma\ncall,1e400,1,1,0,0.2\n",
                          "binary": bytes(range(256)), "BOM": "\ufefftype,S,K,T,r,sigma\ncall,1,1,1,0,0.2\n",
                          "short": "type,S,K,T,r,sigma\ncall,1\n", "zero T": "type,S,K,T,r,sigma\ncall,1,1,0,0,0\n",
                          "long line": "type,S,K,T,r,sigma\n" + "1," * 1_000_000 + "\n"}.items():
        for implied in ([], ["--implied-vol"]):
            case = Case(f"price {name} {' '.join(implied)}", ["price", "{dir}/in.csv", "-o", "{dir}/o.csv"] + implied, {"in.csv": content}, out="{dir}/o.csv")
            cases.append(case)
    command("price missing", ["price", "{dir}/none.csv", "-o", "{dir}/o.csv"], out="{dir}/o.csv")
    command("price unwritable", ["price", "{dir}/in.csv", "-o", "/proc/nope/o.csv"], out=None, files={"in.csv": "type,S,K,T,r,sigma\ncall,1,1,1,0,0.2\n"})
    command("scenarios bad folder", ["scenarios", "--directory", "/nonexistent"], out=None)
    command("scenarios file", ["scenarios", "--directory", "{dir}/f"], out=None, files={"f": "x"})
    command("scenarios ugly folder", ["scenarios", "--directory", "{dir}/d"], out=None,
            files={"d/a.yaml": "", "d/b.yaml": bytes(range(256)), "d/c.yaml": "extends: c.yaml\n"})
    for args in (["kernel", "--processes", "0"], ["kernel", "--events", "-1"], ["scenario", "nosuch"], ["batch", "--threads", "0"]):
        command("bench " + " ".join(args), ["bench"] + args, out=None)
    return cases


def resume_damages(cases):
    """`batch --resume` into a folder of the same batch with one file damaged: exit 2 located in
    that file, and the folder as it was. (A torn last line is a killed write and resumes.)"""
    def lines(file, index, change):
        def damage(out):
            with open(os.path.join(out, file), "rb") as handle:
                rows = handle.read().split(b"\n")
            rows[index:index + 1] = change(rows[index])
            with open(os.path.join(out, file), "wb") as handle:
                handle.write(b"\n".join(rows))
        return damage

    def replace(file, content):
        def damage(out):
            path = os.path.join(out, file)
            os.remove(path)
            if isinstance(content, str):
                os.mkdir(path)
            elif content is not None:
                with open(path, "wb") as handle:
                    handle.write(content)
        return damage

    def cut(file):
        def damage(out):
            path = os.path.join(out, file)
            os.truncate(path, os.path.getsize(path) // 2)
        return damage

    damages = {
        "runs.csv: misspelt header": lines("runs.csv", 0, lambda row: [row.replace(b"replication", b"replicaton")]),
        "runs.csv: empty": replace("runs.csv", b""),
        "runs.csv: binary": replace("runs.csv", bytes(range(256))),
        "runs.csv: a folder": replace("runs.csv", "folder"),
        "runs.csv: short row": lines("runs.csv", 2, lambda row: [b",".join(row.split(b",")[:2])]),
        "runs.csv: long row": lines("runs.csv", 1, lambda row: [row + b",1"]),
        "runs.csv: word for a number": lines("runs.csv", 1, lambda row: [b"0,x," + row.split(b",", 2)[2]]),
        "runs.csv: binary row": lines("runs.csv", 1, lambda row: [bytes(range(1, 256)).replace(b"\n", b"")]),
        "runs.csv: duplicate row": lines("runs.csv", 1, lambda row: [row, row]),
        "runs.csv: replication beyond -n": lines("runs.csv", 1, lambda row: [b"0,9," + row.split(b",", 2)[2]]),
        "runs.csv: seed of another --seed": lines("runs.csv", 1, lambda row: [b"0,0,1," + row.split(b",", 3)[3]]),
        "pnl.csv: seed of another --seed": lines("pnl.csv", 1, lambda row: [b",".join(row.split(b",")[:2] + [b"1"] + row.split(b",")[3:])]),
        "failures.csv: misspelt header": lines("failures.csv", 0, lambda row: [row.replace(b"message", b"msg")]),
        "failures.csv: open quote": lines("failures.csv", 1, lambda row: [b"0,x,1,\"boom", b""]),
        "pnl.csv: misspelt header": lines("pnl.csv", 0, lambda row: [row.replace(b"amount", b"amt")]),
        "pnl.csv: word for an amount": lines("pnl.csv", 1, lambda row: [b",".join(row.split(b",")[:5] + [b"lots", b"1"])]),
        "manifest.json: missing": replace("manifest.json", None),
        "manifest.json: empty": replace("manifest.json", b""),
        "manifest.json: cut": cut("manifest.json"),
        "manifest.json: a list": replace("manifest.json", b"[]"),
        "manifest.json: binary": replace("manifest.json", bytes(range(256))),
        "manifest.json: a folder": replace("manifest.json", "folder"),
    }
    batch = ["batch", "{dir}/s.yaml", "-n", "2", "--quiet", "--out", "{dir}/out"]
    for name, damage in damages.items():
        file = name.split(":")[0]
        cases.append(Case(f"batch --resume: {name}", batch + ["--resume"], {"s.yaml": VALID},
                          expect_file="{dir}/out/" + file, before=(batch, damage), refuse=True))

    # The files of a run with the same seed but another sweep (the same points in another order).
    def other_sweep(out):
        for file in ("runs.csv", "failures.csv", "pnl.csv"):
            shutil.copyfile(os.path.join(os.path.dirname(out), "other", file), os.path.join(out, file))
    swept = batch + ["--sweep", "assets.ETH.price=3000,3100"]
    other = ["batch", "{dir}/s.yaml", "-n", "2", "--quiet", "--sweep", "assets.ETH.price=3100,3000", "--out", "{dir}/other"]
    cases.append(Case("batch --resume: runs.csv: rows of a run with another --sweep", swept + ["--resume"], {"s.yaml": VALID},
                      expect_file="{dir}/out/runs.csv", before=([swept, other], other_sweep), refuse=True))


def merge_damages(cases):
    """`merge` of the two shards of a batch, one shard folder holding what is not its shard's (a
    folder or file copied, renamed or from another run): exit 2 located in that shard's folder,
    no merged folder, and the shard folders as they were."""
    def copy(source, target):
        def damage(out):
            shutil.copytree(os.path.join(out, source), os.path.join(out, target), dirs_exist_ok=True)
        return damage

    def copy_file(file):
        def damage(out):
            shutil.copyfile(os.path.join(out, "s0", file), os.path.join(out, "s1", file))
        return damage

    def drop_last_row(out):
        path = os.path.join(out, "s1", "runs.csv")
        with open(path, "rb") as handle:
            rows = handle.read().rstrip(b"\n").split(b"\n")
        with open(path, "wb") as handle:
            handle.write(b"\n".join(rows[:-1]) + b"\n")

    def other_seed(out):
        for file in ("runs.csv", "failures.csv", "pnl.csv"):
            shutil.copyfile(os.path.join(out, "seed7", file), os.path.join(out, "s1", file))

    damages = {"shard 0's folder copied over shard 1's": copy("s0", "s1"), "shard 0's runs.csv in shard 1": copy_file("runs.csv"),
               "shard 0's pnl.csv in shard 1": copy_file("pnl.csv"), "a row missing from shard 1": drop_last_row,
               "shard 1's rows from a run with another --seed": other_seed}
    shards = [["batch", "{dir}/s.yaml", "-n", "3", "--quiet", "--shard", f"{index}/2", "--out", f"{{dir}}/out/s{index}"] for index in (0, 1)]
    shards.append(["batch", "{dir}/s.yaml", "-n", "3", "--quiet", "--seed", "7", "--shard", "1/2", "--out", "{dir}/out/seed7"])
    for name, damage in damages.items():
        cases.append(Case(f"merge: {name}", ["merge", "{dir}/out/s0", "{dir}/out/s1", "--out", "{dir}/merged"], {"s.yaml": VALID},
                          expect_file="{dir}/out/s1", out="{dir}/merged", before=(shards, damage), refuse=True))

    # Shard 1's files from a run with the same seed and shard layout but another sweep (the same
    # points in another order).
    def other_sweep(out):
        for file in ("runs.csv", "failures.csv", "pnl.csv"):
            shutil.copyfile(os.path.join(out, "sweep", file), os.path.join(out, "s1", file))
    sweep = ["--sweep", "assets.ETH.price=3000,3100"]
    swept = [command[:2] + sweep + command[2:] for command in shards[:2]]
    swept.append(["batch", "{dir}/s.yaml", "-n", "3", "--quiet", "--sweep", "assets.ETH.price=3100,3000", "--shard", "1/2",
                  "--out", "{dir}/out/sweep"])
    cases.append(Case("merge: shard 1's rows from a run with another --sweep", ["merge", "{dir}/out/s0", "{dir}/out/s1", "--out",
                      "{dir}/merged"], {"s.yaml": VALID}, expect_file="{dir}/out/s1", out="{dir}/merged", before=(swept, other_sweep),
                      refuse=True))


def leaves(node, path=()):
    """Every (path, value) leaf of a parsed YAML tree, and every mapping key (value None marks a key)."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield path + (key,), None
            yield from leaves(value, path + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from leaves(value, path + (index,))
    else:
        yield path, node


def mutated(text, path, replacement):
    """The resolved YAML `text` with the leaf at `path` replaced by raw YAML, or deleted."""
    tree = yaml.safe_load(text)
    parent = tree
    for key in path[:-1]:
        parent = parent[key]
    marker = "@@UGLY@@"
    if replacement is None:
        del parent[path[-1]]
    else:
        parent[path[-1]] = marker
    dumped = yaml.safe_dump(tree, sort_keys=False, width=10_000, allow_unicode=True)
    return dumped.replace(f"'{marker}'", replacement).replace(marker, replacement)


def leaf_cases(binary, names):
    """Each leaf of each scenario replaced by ugly values; a key path tested in an earlier scenario
    (a defended twin shares most of its base's) and all gas units but one are skipped."""
    cases, seen = [], set()
    for name in names:
        resolved = subprocess.run([binary, "validate", name], cwd=ROOT, capture_output=True, check=True).stdout.decode()
        tree = yaml.safe_load(resolved)
        for path, value in leaves(tree):
            if path[:2] == ("chain", "gas_units") and len(path) > 2 and path[2] != "swap" or (path, value is None) in seen:
                continue
            seen.add((path, value is None))
            if value is None and path[-1] not in ("duration",):
                values = [None] if path and not isinstance(path[-1], int) else []
            elif isinstance(value, bool):
                values = BOOL_VALUES
            elif isinstance(value, (int, float)):
                values = NUMBER_VALUES
            elif isinstance(value, str) and re.fullmatch(r"[0-9.]+(ms|s|m|h|d)", value):
                values = DURATION_VALUES
            else:
                values = STRING_VALUES
            for replacement in values:
                try:
                    text = mutated(resolved, path, replacement)
                except (KeyError, TypeError, IndexError):
                    continue
                label = ".".join(map(str, path)) + ("=" + replacement if replacement is not None else " deleted")
                case = Case(f"{name}: {label}", ["run", "{dir}/s.yaml", "--seed", "1", "--out", "{dir}/out"], {"s.yaml": text},
                            expect_file="{dir}/s.yaml", out="{dir}/out")
                cases.append(case)
    return cases


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build/release/advsim"))
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--quick", action="store_true", help="hand-written cases only")
    parser.add_argument("--scenarios", nargs="*", help="shipped scenarios for the leaf sweep (default: all)")
    parser.add_argument("--filter", default="", help="run only cases whose name contains this")
    options = parser.parse_args()
    binary = os.path.abspath(options.binary)
    cases = hand_cases()
    if not options.quick:
        names = options.scenarios or sorted(f[:-5] for f in os.listdir(os.path.join(ROOT, "scenarios")) if f.endswith(".yaml"))
        cases += leaf_cases(binary, names)
    cases = [c for c in cases if options.filter in c.name]
    workdir = tempfile.mkdtemp(prefix="ugly-")
    flagged = reviewed = 0
    with concurrent.futures.ThreadPoolExecutor(options.jobs) as pool:
        for case, problems in zip(cases, pool.map(lambda c: run_case(binary, c, workdir), cases)):
            for problem in problems:
                if problem.startswith("exit 1:"):
                    reviewed += 1
                    print(f"REVIEW  {case.name}: {problem}", flush=True)
                else:
                    flagged += 1
                    print(f"FLAGGED {case.name}: {problem}", flush=True)
    shutil.rmtree(workdir, ignore_errors=True)
    print(f"{len(cases)} cases, {flagged} flagged, {reviewed} runtime failures (exit 1) to review")
    sys.exit(1 if flagged else 0)


if __name__ == "__main__":
    main()
