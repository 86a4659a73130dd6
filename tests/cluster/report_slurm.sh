#!/usr/bin/env bash
# What the one-node test cluster saw, for the log of tests/cluster/run_slurm.sh: the jobs in
# squeue, sacct, the job-completion log and slurmctld's log, the first lines of each and counts.
# Best effort: a missing tool or file is said in one line; each listing reads its whole input
# (awk, no `| head` that would end the writer with SIGPIPE), so the number of jobs never matters.
#   report_slurm.sh STATE      (STATE: the cluster's scratch folder, with log/)
set -u
STATE=${1:?usage: report_slurm.sh STATE}
say() { printf '\n== %s\n' "$*"; }
first() { awk -v n="$1" 'NR <= n'; } # the first n lines; reads to the end of its input

say "squeue --states=all (finished jobs are kept for MinJobAge)"
squeue --states=all -o "%.6i %.9P %.40j %.10T %.10M %.4C %.8m" 2>&1 | first 12
echo "... $(squeue --states=all -h 2>/dev/null | wc -l) jobs in total"
say "sacct"
sacct -X -o JobID,JobName%40,State,Elapsed 2>&1 | first 3
say "job-completion log ($STATE/log/jobcomp.log)"
if [[ -r $STATE/log/jobcomp.log ]]; then
    first 3 <"$STATE/log/jobcomp.log"
    echo "... $(wc -l <"$STATE/log/jobcomp.log") completed jobs; states:" \
        "$(grep -o 'JobState=[A-Z]*' "$STATE/log/jobcomp.log" | sort | uniq -c | tr -s ' ' | tr '\n' ' ')"
else
    echo "(no job-completion log)"
fi
say "slurmctld log ($STATE/log/slurmctld.log)"
grep -E "sched: Allocate JobId|_job_complete: JobId=[0-9]+ done" "$STATE/log/slurmctld.log" 2>&1 | first 6
exit 0
