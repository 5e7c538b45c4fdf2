#!/usr/bin/env bash
# Real single-node Slurm test of `advsim slurm`: start munge + slurmctld + slurmd under a temp
# folder (no cgroups, no systemd; recipe in ../shared/research/feasibility.md §2), submit the
# generated script (a 3-task job array of batch shards + a merge job after it), wait, compare the
# merged runs.csv and summary.csv byte for byte with a local unsharded batch, stop the daemons.
# Usage: scripts/slurm/local-slurm-test.sh [path/to/advsim]   (default: `make release`)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
if [ $# -ge 1 ]; then ADVSIM=$(realpath "$1"); else make -C "$ROOT" release >/dev/null; ADVSIM=$ROOT/.build/release/advsim; fi

if ! command -v slurmctld >/dev/null || ! command -v munged >/dev/null; then
    echo "installing slurm-wlm and munge with apt-get"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slurm-wlm munge >/dev/null
fi

BASE=$(mktemp -d /tmp/advsim-slurm.XXXXXX)
chmod 755 "$BASE"
H=$(hostname -s)
stop_daemons() {
    for pidfile in "$BASE/slurm/slurmd.pid" "$BASE/slurm/slurmctld.pid" "$BASE/munge/munged.pid"; do
        if [ -f "$pidfile" ]; then
            pid=$(cat "$pidfile")
            kill -TERM "$pid" 2>/dev/null || true
            for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        fi
    done
    rm -rf "$BASE"
}
trap stop_daemons EXIT

mkdir -p "$BASE/munge" "$BASE/slurm/state" "$BASE/slurm/spool" "$BASE/out"
chown munge:munge "$BASE/munge"; chmod 711 "$BASE/munge"
runuser -u munge -- mungekey --create --keyfile="$BASE/munge/munge.key"
runuser -u munge -- /usr/sbin/munged --socket="$BASE/munge/sock" --key-file="$BASE/munge/munge.key" \
    --log-file="$BASE/munge/munged.log" --pid-file="$BASE/munge/munged.pid" --seed-file="$BASE/munge/munged.seed"
cat > "$BASE/slurm/slurm.conf" <<CONF
ClusterName=advsim-test
SlurmctldHost=$H
SlurmUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$BASE/munge/sock
StateSaveLocation=$BASE/slurm/state
SlurmdSpoolDir=$BASE/slurm/spool
SlurmctldPidFile=$BASE/slurm/slurmctld.pid
SlurmdPidFile=$BASE/slurm/slurmd.pid
SlurmctldLogFile=$BASE/slurm/slurmctld.log
SlurmdLogFile=$BASE/slurm/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerParameters=batch_sched_delay=0
MpiDefault=none
ReturnToService=2
NodeName=$H CPUs=$(nproc) State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF=$BASE/slurm/slurm.conf
slurmctld -f "$SLURM_CONF"
slurmd -f "$SLURM_CONF"
for _ in $(seq 300); do sinfo -h -o %T 2>/dev/null | grep -q '^idle' && break; sleep 0.1; done
sinfo -h -o %T | grep -q '^idle' || { echo "slurm node did not come up"; cat "$BASE/slurm/slurmctld.log"; exit 1; }

ARGS=(scenarios/amm-arbitrage.yaml -n 4 --seed 5 --set duration=1h --sweep pools.eth_usdc.fee=0.001,0.003)
"$ADVSIM" slurm "${ARGS[@]}" --array 3 --partition debug --time 00:10:00 --out "$BASE/out" > "$BASE/submit.sh"
bash "$BASE/submit.sh"
deadline=$((SECONDS + 240))
while [ -n "$(squeue -h 2>/dev/null)" ]; do
    [ $SECONDS -lt $deadline ] || { echo "slurm jobs did not finish in time"; squeue; exit 1; }
    sleep 0.5
done
[ -f "$BASE/out/merged/summary.csv" ] || { echo "merge job produced nothing"; cat "$BASE"/out/logs/* 2>/dev/null; exit 1; }

"$ADVSIM" batch "${ARGS[@]}" --quiet --out "$BASE/local"
for file in runs.csv summary.csv failures.csv; do
    cmp "$BASE/local/$file" "$BASE/out/merged/$file"
done
echo "ok: Slurm job array (3 shards) + merge job equals a local batch byte for byte"
