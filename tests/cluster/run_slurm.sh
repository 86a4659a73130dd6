#!/usr/bin/env bash
# Runs the pipeline through a real one-node Slurm cluster and checks that it writes the same tables
# and estimates, byte for byte, as a local run.
#
#   1. installs Debian's slurm-wlm and munge when they are missing (needs root and apt-get);
#   2. starts munged, slurmctld and slurmd on this machine with their state, logs, munge key and
#      socket in $STATE and their own ports; slurm.conf goes to its default place,
#      /etc/slurm/slurm.conf (removed again at the end), because the job-step executor inside
#      each job clears SLURM_* variables, SLURM_CONF included, before it calls srun; an existing
#      slurm.conf that this script did not write stops it;
#   3. for the default DAG and the 40-country WIOD DAG: runs the workflow locally, then through
#      Slurm with profiles/slurm, both into the same results folder (moved aside in between, so
#      that paths recorded in the outputs are the same), and compares every file under tables/ and
#      estimates/ by SHA-256;
#   4. prints the jobs as Slurm saw them (tests/cluster/report_slurm.sh: squeue, sacct, the
#      job-completion log, slurmctld's log; what it prints never changes the exit status) and
#      stops the daemons it started and removes slurm.conf, on every exit path (a failure, Ctrl-C,
#      SIGTERM).
#
# The cluster has no accounting database (AccountingStorageType=accounting_storage/none), so the
# Slurm executor plugin is told to query job states with squeue (--slurm-status-command squeue;
# MinJobAge keeps finished jobs visible to squeue) and not to look for an account
# (--slurm-no-account). Exit status 0 means every compared file was identical.
#
# Environment: GVCPANEL_SLURM_STATE (scratch folder, default /tmp/gvcpanel-slurm),
# GVCPANEL_SLURM_CONF (where slurm.conf goes, default /etc/slurm/slurm.conf),
# GVCPANEL_DATA_DIR (real data for the WIOD DAG, default ../shared/data; the WIOD DAG is skipped
# with a message when it is absent), GVCPANEL_SLURM_PORT (slurmctld port; slurmd uses the next).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
STATE=${GVCPANEL_SLURM_STATE:-/tmp/gvcpanel-slurm}
DATA_DIR=${GVCPANEL_DATA_DIR:-../shared/data}
PORT=${GVCPANEL_SLURM_PORT:-16817}
VENV=${VENV:-$ROOT/.venv}
PY=$VENV/bin/python
CHECK=results/cluster_check # results folder of both runs (relative, as a user would give it)

say() { printf '\n== %s\n' "$*"; }

# -- 1. packages -------------------------------------------------------------------------------
if ! command -v slurmctld >/dev/null || ! command -v munged >/dev/null; then
    say "installing slurm-wlm and munge (Debian packages)"
    [[ $(id -u) -eq 0 ]] || { echo "run_slurm.sh: needs root to install packages" >&2; exit 2; }
    command -v apt-get >/dev/null || { echo "run_slurm.sh: apt-get not available" >&2; exit 2; }
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slurm-wlm munge >/dev/null
fi
if ! "$PY" -c "import snakemake_executor_plugin_slurm" 2>/dev/null; then
    say "installing the cluster extra (snakemake-executor-plugin-slurm)"
    "$PY" -m pip install -q -e ".[cluster]"
fi
export PATH="$VENV/bin:$PATH"

# -- 2. a one-node cluster -----------------------------------------------------------------------
CONF=${GVCPANEL_SLURM_CONF:-/etc/slurm/slurm.conf}
MARK="# one-node test cluster of gvcpanel's tests/cluster/run_slurm.sh"
if [[ -e $CONF ]] && ! grep -qF "$MARK" "$CONF"; then
    echo "run_slurm.sh: $CONF exists and was not written by this script; not replacing it" >&2
    exit 2
fi
cleanup() {
    # stop only the daemons this script started, by the pids they wrote
    for pidfile in "$STATE/slurmd.pid" "$STATE/slurmctld.pid" "$STATE/munge/munged.pid"; do
        [[ -s $pidfile ]] && kill "$(cat "$pidfile")" 2>/dev/null || true
    done
    if grep -qsF "$MARK" "$CONF"; then rm -f "$CONF"; fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
rm -rf "$STATE"
mkdir -p "$STATE"/{munge,spool,state,log}
chmod 700 "$STATE" "$STATE/munge"
NODE=$(hostname -s)
CPUS=$(nproc)
MEM_MB=$(awk '/MemTotal/ {printf "%d", $2 / 1024 * 0.9}' /proc/meminfo)
SOCKET=$STATE/munge/munge.socket

dd if=/dev/urandom of="$STATE/munge/munge.key" bs=1024 count=1 status=none
chmod 400 "$STATE/munge/munge.key"
munged --force --key-file="$STATE/munge/munge.key" --socket="$SOCKET" \
    --pid-file="$STATE/munge/munged.pid" --log-file="$STATE/log/munged.log" \
    --seed-file="$STATE/munge/munged.seed"

mkdir -p "$(dirname "$CONF")"
cat >"$CONF" <<EOF
$MARK (removed when it ends)
ClusterName=gvcpanel
SlurmctldHost=$NODE
SlurmUser=root
SlurmdUser=root
SlurmctldPort=$PORT
SlurmdPort=$((PORT + 1))
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$SOCKET
StateSaveLocation=$STATE/state
SlurmdSpoolDir=$STATE/spool
SlurmctldPidFile=$STATE/slurmctld.pid
SlurmdPidFile=$STATE/slurmd.pid
SlurmctldLogFile=$STATE/log/slurmctld.log
SlurmdLogFile=$STATE/log/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
MpiDefault=none
SwitchType=switch/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/filetxt
JobCompLoc=$STATE/log/jobcomp.log
MinJobAge=86400
ReturnToService=2
NodeName=$NODE CPUs=$CPUS RealMemory=$MEM_MB State=UNKNOWN
PartitionName=main Nodes=$NODE Default=YES MaxTime=INFINITE State=UP
EOF


say "starting slurmctld and slurmd on $NODE ($CPUS CPUs, RealMemory=$MEM_MB MB, port $PORT)"
slurmctld -f "$CONF"
slurmd -f "$CONF"
for _ in $(seq 60); do
    sinfo -h -o "%T" 2>/dev/null | grep -q idle && break
    sleep 1
done
sinfo
sinfo -h -o "%T" | grep -q idle || { echo "run_slurm.sh: node not idle" >&2; tail "$STATE"/log/*.log; exit 1; }

# -- 3. local and Slurm runs, compared -----------------------------------------------------------
compare() { # compare <local results> <slurm results>
    local a=$1 b=$2 n
    (cd "$a" && find -L tables estimates -type f -print0 | sort -z | xargs -0 sha256sum) >"$a.sha256"
    (cd "$b" && find -L tables estimates -type f -print0 | sort -z | xargs -0 sha256sum) >"$b.sha256"
    n=$(wc -l <"$a.sha256")
    if cmp -s "$a.sha256" "$b.sha256" && [[ $n -gt 0 ]]; then
        echo "IDENTICAL: $n files under tables/ and estimates/ (sha256 of the local and Slurm runs)"
    else
        echo "DIFFERENT: local $a vs Slurm $b" >&2
        diff "$a.sha256" "$b.sha256" >&2 || true
        return 1
    fi
}

run_dag() { # run_dag <name> <configfile or ""> [key=value ...]: one DAG, local and through Slurm
    local name=$1 configfile=$2
    shift 2
    local args=(--config results="$CHECK" "$@")
    [[ -n $configfile ]] && args=(--configfile "$configfile" "${args[@]}")
    rm -rf "$CHECK"
    say "$name: local run (--cores 2)"
    "$PY" -m snakemake --cores 2 "${args[@]}" >"$STATE/log/$name.local.log" 2>&1 ||
        { tail -30 "$STATE/log/$name.local.log"; return 1; }
    mv "$CHECK" "$STATE/$name.local"
    say "$name: Slurm run (--profile profiles/slurm)"
    "$PY" -m snakemake --profile profiles/slurm --slurm-no-account \
        --slurm-status-command squeue --slurm-init-seconds-before-status-checks 5 \
        "${args[@]}" >"$STATE/log/$name.slurm.log" 2>&1 ||
        { tail -40 "$STATE/log/$name.slurm.log"; return 1; }
    grep -E "submitted with SLURM jobid" "$STATE/log/$name.slurm.log" | awk 'NR <= 4' || true
    echo "... $(grep -c "submitted with SLURM jobid" "$STATE/log/$name.slurm.log") submissions"
    mv "$CHECK" "$STATE/$name.slurm"
    compare "$STATE/$name.local" "$STATE/$name.slurm"
}

status=0
run_dag default "" || status=1
if [[ -d $DATA_DIR/wiod2013 ]]; then
    run_dag wiod2013_40 config/wiod2013_40.yaml data_dir="$DATA_DIR" || status=1
else
    say "wiod2013_40: skipped ($DATA_DIR/wiod2013 not found; set GVCPANEL_DATA_DIR)"
fi

# -- 4. what Slurm saw (printed only: it never decides the exit status) ------------------------
bash "$(dirname "$0")/report_slurm.sh" "$STATE" || true
echo "RESULT: $([[ $status -eq 0 ]] && echo PASS || echo FAIL)"
exit $status
