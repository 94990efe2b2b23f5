#!/usr/bin/env bash
# End-to-end test of `collapse sweep slurm --submit` on a real single-node Slurm cluster started on localhost.
#
# Installs Debian's slurmctld, slurmd, slurm-client and munge when missing (needs root and apt), writes a
# cluster config outside /etc (pointed to by SLURM_CONF), starts munged (unless one is already running),
# slurmctld and slurmd, runs a small sweep as a 3-shard job array plus the chained merge job, checks that the
# merged store holds exactly what an unsharded local sweep produces, and stops every daemon it started.
#
# Output ends with one line: "slurm: 1 passed, 0 failed", "slurm: 0 passed, 1 failed", or, only where Slurm
# cannot be installed or started here, "SKIP: …" followed by "slurm: 0 passed, 0 failed, 1 skipped".
# Exit code: 0 passed or skipped, 1 failed.
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
collapse="$root/collapse"
work="$(mktemp -d /tmp/collapse-slurm-test.XXXXXX)"
# The job directory's name holds what sbatch's #SBATCH reader and file name patterns treat specially.
job="$work/job 100% \"it's\" #1"
export SLURM_CONF="$work/slurm.conf"
started_munged=""
started_slurm=""

log() { echo "[slurm test] $*"; }
skip() {
  echo "SKIP: slurm test: $*"
  echo "slurm: 0 passed, 0 failed, 1 skipped"
  exit 0
}
fail() {
  echo "FAIL: slurm test: $*"
  for f in "$job"/logs/*.out "$work"/slurmctld.log "$work"/slurmd.log; do
    [ -f "$f" ] && { echo "---- $f (last 30 lines)"; tail -n 30 "$f"; }
  done
  echo "slurm: 0 passed, 1 failed"
  exit 1
}

cleanup() {
  if [ -n "$started_slurm" ]; then
    scontrol shutdown >/dev/null 2>&1 || true
    for pidfile in "$work/slurmctld.pid" "$work/slurmd.pid"; do
      [ -f "$pidfile" ] || continue
      pid="$(cat "$pidfile" 2>/dev/null)"
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
      kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null
    done
  fi
  if [ -n "$started_munged" ] && [ -f /run/munge/munged.pid ]; then
    pid="$(cat /run/munge/munged.pid)"
    kill "$pid" 2>/dev/null
    for _ in $(seq 1 25); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# 1. Slurm and munge.
if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v sbatch >/dev/null || ! command -v munged >/dev/null; then
  [ "$(id -u)" = 0 ] || skip "Slurm is not installed and this user cannot install it (not root)"
  command -v apt-get >/dev/null || skip "Slurm is not installed and there is no apt-get to install it"
  log "installing slurmctld slurmd slurm-client munge"
  if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slurmctld slurmd slurm-client munge; } >"$work/apt.log" 2>&1; then
    tail -n 20 "$work/apt.log"
    skip "cannot install Slurm with apt-get (output above)"
  fi
fi
[ "$(id -u)" = 0 ] || skip "starting slurmd needs root"

# 2. munge: reuse a running munged, else start one (and stop it at the end).
if ! munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
  if [ ! -s /etc/munge/munge.key ]; then
    mkdir -p /etc/munge
    if command -v mungekey >/dev/null; then mungekey --create --keyfile=/etc/munge/munge.key >/dev/null 2>&1
    else dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 2>/dev/null; fi
    chown munge:munge /etc/munge/munge.key; chmod 400 /etc/munge/munge.key
  fi
  mkdir -p /run/munge /var/lib/munge /var/log/munge && chown munge:munge /run/munge /var/lib/munge /var/log/munge
  runuser -u munge -- /usr/sbin/munged || skip "munged does not start here"
  started_munged=1
  for _ in $(seq 1 50); do munge -n 2>/dev/null | unmunge >/dev/null 2>&1 && break; sleep 0.1; done
  munge -n | unmunge >/dev/null 2>&1 || skip "munged started but does not answer"
fi

# 3. A one-node cluster on localhost, configured outside /etc.
mkdir -p "$work/state" "$work/spool"
cpus="$(nproc)"
cat >"$SLURM_CONF" <<CONF
ClusterName=collapselab-test
SlurmctldHost=localhost(127.0.0.1)
SlurmctldPort=16817
SlurmdPort=16818
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/slurmctld.log
SlurmdLogFile=$work/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
JobAcctGatherType=jobacct_gather/none
MpiDefault=none
ReturnToService=2
SchedulerType=sched/backfill
NodeName=localhost NodeAddr=127.0.0.1 CPUs=$cpus State=UNKNOWN
PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP
CONF
log "starting slurmctld and slurmd (SLURM_CONF=$SLURM_CONF)"
started_slurm=1
slurmctld -i || skip "slurmctld does not start here"
slurmd -N localhost || skip "slurmd does not start here"
state=""
for _ in $(seq 1 120); do
  state="$(sinfo -h -N -o %T 2>/dev/null | head -n 1)"
  [ "$state" = idle ] && break
  sleep 0.5
done
[ "$state" = idle ] || skip "the local Slurm node did not become idle (state '$state'); see $work/slurmctld.log"

# 4. A small sweep through the cluster: 3 array tasks (shards) and the merge job chained with afterok.
cat >"$work/sweep.yaml" <<'YAML'
task: gaussian
parameters:
  workflow: {values: [replace, accumulate, accumulate-subsample]}
  dim: {values: [1, 5]}
  samples: {value: 20}
  iterations: {value: 30}
  seeds: {value: "0-3"}
YAML
log "building collapse"
"$collapse" --help >/dev/null 2>&1 || fail "collapse does not build/run"
log "submitting: collapse sweep slurm --shards 3 --submit (the default partition)"
"$collapse" sweep slurm "$work/sweep.yaml" --shards 3 --out "$job" --cpus-per-task 1 --time 10 --submit \
  >"$work/submit.out" 2>&1 || { cat "$work/submit.out"; fail "collapse sweep slurm --submit failed"; }
cat "$work/submit.out"
array="$(sed -n 's/^submitted sweep job array \([0-9]*\).*/\1/p' "$work/submit.out")"
merge="$(sed -n 's/^submitted merge job \([0-9]*\).*/\1/p' "$work/submit.out")"
[ -n "$array" ] && [ -n "$merge" ] || fail "no job ids printed"
scontrol show job "$merge" | grep -q "Dependency=afterok:$array" || fail "merge job $merge is not chained afterok on $array"

log "waiting for jobs $array (array) and $merge (merge)"
for _ in $(seq 1 600); do
  [ -z "$(squeue -h -j "$array,$merge" 2>/dev/null)" ] && break
  sleep 1
done
[ -z "$(squeue -h -j "$array,$merge" 2>/dev/null)" ] && squeue_empty=1 || squeue_empty=""
[ -n "$squeue_empty" ] || fail "jobs still queued or running after 10 minutes: $(squeue -h -j "$array,$merge")"
[ -f "$job/results.duckdb" ] || fail "the merge job did not write $job/results.duckdb"
for i in 1 2 3; do [ -f "$job/stores/shard-$i-of-3.duckdb" ] || fail "shard $i wrote no store"; done
for log in shard-1.out shard-2.out shard-3.out merge.out; do [ -f "$job/logs/$log" ] || fail "no log $job/logs/$log"; done

# 5. The merged store equals an unsharded local sweep.
"$collapse" store info "$job/results.duckdb" | tee "$work/info.out"
grep -q "24 completed runs, 0 failed" "$work/info.out" || fail "merged store does not hold the 24 completed runs"
"$collapse" sweep run "$work/sweep.yaml" --store "$work/local.duckdb" >/dev/null 2>&1 || fail "local sweep failed"
"$collapse" store export "$job/results.duckdb" --csv "$work/slurm.csv" 2>/dev/null || fail "export of the merged store failed"
"$collapse" store export "$work/local.duckdb" --csv "$work/local.csv" 2>/dev/null || fail "export of the local store failed"
diff <(sort "$work/slurm.csv") <(sort "$work/local.csv") >/dev/null || fail "merged Slurm results differ from the local sweep"
log "merged store from Slurm equals the local sweep ($(wc -l <"$work/local.csv") CSV lines)"
echo "slurm: 1 passed, 0 failed"
