#!/usr/bin/env python3
"""Self cost per source line of the functions matching a pattern, from a callgrind profile.

valgrind 3.19 cannot read the DWARF 5 debug information of Swift 6.3's binaries, so profiles are
taken on a stripped copy (`objcopy --strip-debug`) with `--dump-instr=yes`, and this script maps
the profile's instruction addresses back to source lines with `addr2line` on the unstripped binary
(the two have the same code at the same addresses). An instruction inlined from another function
counts for its innermost source line, so the listing shows which line of which file the cost
comes from, inlined code included. Costs of calls made from the function are listed apart
(inclusive, per call site).

Usage:
  scripts/bench/profile-day.sh BIN OUT            # makes OUT.cg (stripped copy, --dump-instr=yes)
  scripts/bench/callgrind-lines.py OUT.cg BIN 'World.sealBlock' [--top 40] [--per 14400]

PATTERN is matched against the demangled function names (`swift demangle --simplified`), e.g.
'Chain.produceBlock(' or 'ProtocolState.liquidate('. `--per N` divides every cost by N (say,
the number of calls or blocks) to print per-call figures.
"""
import argparse
import collections
import os
import re
import shutil
import subprocess
import sys


def demangled(names):
    """The simplified demangled form of each symbol name, in order."""
    result = subprocess.run(["swift", "demangle", "--simplified"], input="\n".join(names), capture_output=True,
                            text=True, check=True)
    return result.stdout.split("\n")[:len(names)]


def read_profile(path):
    """(self cost, call-site inclusive cost) per (function, address), both Counters."""
    names, own, calls = {}, collections.Counter(), collections.Counter()
    function, address, in_call = None, 0, False
    compressed = re.compile(r"(c?fn)=\((\d+)\)(?: (.*))?")
    with open(path) as profile:
        for line in profile:
            if line.startswith(("fn=", "cfn=")):
                match = compressed.match(line.strip())
                if match.group(3):
                    names[match.group(2)] = match.group(3)
                if match.group(1) == "fn":
                    function = names[match.group(2)]
                continue
            if line.startswith("calls="):
                in_call = True
                continue
            if not line or line[0] not in "0123456789+-*":
                continue
            parts = line.split()
            position = parts[0]
            if position.startswith("0x"):
                address = int(position, 16)
            elif position.startswith("+"):
                address += int(position[1:])
            elif position.startswith("-"):
                address -= int(position[1:])
            elif position != "*":
                address = int(position)
            cost = int(parts[-1])
            (calls if in_call else own)[(function, address)] += cost
            in_call = False
    return own, calls


def source_lines(binary, addresses):
    """The innermost source file:line of each address, from addr2line on the unstripped binary."""
    if not addresses:
        return {}
    # The Swift toolchain's own llvm-symbolizer reads every unit's line table; binutils' addr2line
    # (and an older system LLVM's symbolizer) answer ??:0 for some of them.
    swift = shutil.which("swift")
    symbolizer = os.path.join(os.path.dirname(os.path.realpath(swift)), "llvm-symbolizer") if swift else None
    if symbolizer and not os.access(symbolizer, os.X_OK):
        symbolizer = None
    if symbolizer:
        command = [symbolizer, "--obj=" + binary, "--inlining", "--print-address", "--functions=none"]
    else:
        command = ["addr2line", "-a", "-i", "-e", binary]
    output = subprocess.run(command + [hex(a) for a in addresses], capture_output=True, text=True,
                            check=True).stdout.split("\n")
    # The innermost frame with a real line: code the compiler made for an inlined call (line 0)
    # counts for the line that called it.
    lines, real, current = {}, set(), None
    for entry in output:
        if entry.startswith("0x"):
            current = int(entry, 16)
        elif current is not None and current not in real and entry.strip():
            location = entry.strip().split(" (discriminator")[0]
            if symbolizer:  # file:line:column -> file:line
                location = location.rsplit(":", 1)[0]
            if current not in lines or not location.endswith(":0"):
                lines[current] = location
            if not location.endswith(":0"):
                real.add(current)
    return lines


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("profile")
    parser.add_argument("binary", help="the unstripped binary the profiled copy was stripped from")
    parser.add_argument("pattern", help="substring of the demangled function name")
    parser.add_argument("--top", type=int, default=40, help="lines to print (default 40)")
    parser.add_argument("--per", type=float, default=1.0, help="divide every cost by this (default 1)")
    args = parser.parse_args()

    own, calls = read_profile(args.profile)
    functions = sorted({function for function, _ in list(own) + list(calls)})
    readable = dict(zip(functions, demangled(functions)))
    chosen = {function for function in functions if args.pattern in readable[function]}
    if not chosen:
        sys.exit(f"no function in {args.profile} matches {args.pattern!r}")
    addresses = sorted({address for function, address in list(own) + list(calls) if function in chosen})
    lines = source_lines(args.binary, addresses)

    by_line, by_call_site = collections.Counter(), collections.Counter()
    for (function, address), cost in own.items():
        if function in chosen:
            by_line[lines.get(address, "??")] += cost
    for (function, address), cost in calls.items():
        if function in chosen:
            by_call_site[lines.get(address, "??")] += cost
    print(f"functions: {', '.join(sorted(readable[f] for f in chosen))[:300]}")
    print(f"self cost {sum(by_line.values()) / args.per:,.1f}; calls made {sum(by_call_site.values()) / args.per:,.1f}")
    print("\nself cost by source line")
    root = os.getcwd() + "/"
    for line, cost in by_line.most_common(args.top):
        print(f"{cost / args.per:14,.1f}  {line.replace(root, '')}")
    print("\ninclusive cost of the calls made, by call site")
    for line, cost in by_call_site.most_common(args.top):
        print(f"{cost / args.per:14,.1f}  {line.replace(root, '')}")


if __name__ == "__main__":
    main()
