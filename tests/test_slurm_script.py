"""The real-Slurm check's shell scripts without Slurm: stub daemons and tools on PATH.

``report_slurm.sh`` prints what Slurm saw and exits 0 whatever the number of jobs (the first
lines of 10 000 are shown, no SIGPIPE ends the script); ``run_slurm.sh`` decides its exit status by
the comparison alone and, when a run fails in the middle, stops the daemons it started and
removes the slurm.conf it wrote.
"""

from __future__ import annotations

import os
import subprocess
import textwrap
from pathlib import Path

CLUSTER = Path(__file__).with_name("cluster")

DAEMON = """#!/usr/bin/env bash
# stub daemon: a sleeping child whose pid goes where the real daemon writes its own
pidfile=""
for arg in "$@"; do case $arg in --pid-file=*) pidfile=${arg#--pid-file=};; esac; done
if [[ -z $pidfile ]]; then  # slurmctld / slurmd: the pid file named in slurm.conf
    conf=$2
    key={key}
    pidfile=$(sed -n "s/^$key=//p" "$conf")
fi
nohup sleep 300 >/dev/null 2>&1 &
echo $! >"$pidfile"
"""


def stub(folder: Path, name: str, body: str) -> None:
    path = folder / name
    path.write_text(body)
    path.chmod(0o755)


def many_lines(n: int) -> str:
    return f'#!/usr/bin/env bash\nfor i in $(seq {n}); do echo "$i job line"; done\n'


def test_report_exits_zero_with_far_more_jobs_than_it_shows(tmp_path):
    bin_ = tmp_path / "bin"
    bin_.mkdir()
    stub(bin_, "squeue", many_lines(10_000))
    stub(bin_, "sacct", many_lines(10_000))
    (tmp_path / "log").mkdir()
    (tmp_path / "log/jobcomp.log").write_text("JobState=COMPLETED x\n" * 10_000)
    (tmp_path / "log/slurmctld.log").write_text("sched: Allocate JobId=1\n" * 10_000)
    env = os.environ | {"PATH": f"{bin_}:{os.environ['PATH']}"}
    run = subprocess.run(
        ["bash", "-o", "pipefail", str(CLUSTER / "report_slurm.sh"), str(tmp_path)],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert "... 10000 jobs in total" in run.stdout
    assert "... 10000 completed jobs" in run.stdout
    assert run.stdout.count("job line") == 12 + 3  # the first lines of squeue and sacct


def test_a_failing_run_stops_its_daemons_and_removes_slurm_conf(tmp_path):
    bin_, state = tmp_path / "bin", tmp_path / "state"
    bin_.mkdir()
    stub(bin_, "munged", DAEMON.replace("{key}", "none"))
    stub(bin_, "slurmctld", DAEMON.replace("{key}", "SlurmctldPidFile"))
    stub(bin_, "slurmd", DAEMON.replace("{key}", "SlurmdPidFile"))
    stub(bin_, "sinfo", "#!/usr/bin/env bash\necho idle\n")
    stub(bin_, "squeue", many_lines(500))
    stub(bin_, "sacct", many_lines(500))
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    python = textwrap.dedent(
        """\
        #!/usr/bin/env bash
        # stub interpreter: the plugin imports; the workflow run fails on purpose
        [[ $1 == -c ]] && exit 0
        echo "a workflow run that fails on purpose" >&2
        exit 1
        """
    )
    stub(venv / "bin", "python", python)
    conf = tmp_path / "etc/slurm.conf"
    env = os.environ | {
        "PATH": f"{bin_}:{os.environ['PATH']}",
        "VENV": str(venv),
        "GVCPANEL_SLURM_STATE": str(state),
        "GVCPANEL_SLURM_CONF": str(conf),
        "GVCPANEL_DATA_DIR": str(tmp_path / "no_data"),
    }
    run = subprocess.run(
        ["bash", str(CLUSTER / "run_slurm.sh")],
        capture_output=True, text=True, env=env, timeout=300,
    )  # fmt: skip
    out = run.stdout + run.stderr
    assert run.returncode == 1, out[-3000:]
    assert "a workflow run that fails on purpose" in out
    assert "RESULT: FAIL" in out
    assert not conf.exists()
    pids = [
        int(p.read_text())
        for p in (state / "slurmd.pid", state / "slurmctld.pid", state / "munge/munged.pid")
    ]
    for pid in pids:
        assert not Path(f"/proc/{pid}").exists() or "zombie" in _state(pid), pid


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/status").read_text().lower()
    except OSError:
        return "zombie"
