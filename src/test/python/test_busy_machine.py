"""A speed-up study on a machine that other programs keep busy, with the real JJava kernel: the study
either still shows a speed-up of at least 1 at 2 workers or warns that it was disturbed (and fits no law);
on a quiet machine it does not warn.

The quiet run cannot be made quiet by the test: CI machines and this one run other jobs. So the test
measures, independently of the library (psutil: the machine's busy time minus the kernel's process tree,
over the same cell), how busy the others really were. It always asserts that the study's printed share
agrees with that measurement (within 15 points: the two windows differ by the cell's compile time) and
that it warns exactly when its share reaches 10 %. It asserts "no warning" only when the independent
measure was under 5 %, half the threshold, so that a quiet run cannot flake; on a busier machine that one
assertion is reported as skipped, with the figure, never as passed."""
import re
import shutil
import subprocess
import sys

import psutil
import pytest

from conftest import ALONE, running_kernel

pytestmark = ALONE

TIMEOUT = 300
STUDY = """
long scramble(long i) {
    long z = i * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
}
long darts(long from, long to) {
    long hits = 0;
    for (long i = from; i < to; i++) {
        long h = scramble(i);
        double x = (int) (h >>> 33) / 2147483648.0, y = (int) (h & 0x7FFF_FFFF) / 2147483648.0;
        if (x * x + y * y < 1) hits++;
    }
    return hits;
}
long DARTS = 60_000_000L;
SpeedupResult busyStudy = SpeedupStudy.of(workers -> {
    try (Pool pool = Pool.threads(workers)) {
        pool.map(p -> darts(DARTS * p / workers, DARTS * (p + 1) / workers), IntStream.range(0, workers).boxed().toList());
    }
}).workers(2).warmups(1).runs(3).run();
System.out.printf("speed-up at 2 workers: %.3f%n", busyStudy.speedups()[1]);
System.out.println("fitted: " + busyStudy.amdahl().isPresent());
"""


@pytest.fixture(scope="module")
def kernel():
    with running_kernel() as (manager, client):
        yield client, psutil.Process(manager.provisioner.process.pid)


def run_study(client):
    seen = []
    reply = client.execute_interactive(STUDY, timeout=TIMEOUT, output_hook=seen.append)
    assert reply["content"]["status"] == "ok", [m["content"] for m in seen if m["msg_type"] == "error"]
    return "".join(m["content"]["text"] for m in seen if m["msg_type"] == "stream" and m["content"]["name"] == "stdout")


def tree_cpu(process):
    """CPU seconds of the kernel's process tree (the launcher, the kernel JVM, any workers)."""
    total = 0.0
    for p in [process, *process.children(recursive=True)]:
        try:
            t = p.cpu_times()
            total += t.user + t.system
        except psutil.NoSuchProcess:
            pass
    return total


def machine_busy():
    t = psutil.cpu_times()
    idle = t.idle + getattr(t, "iowait", 0)
    return sum(t) - idle, sum(t)


def study_with_others_measured(kernel):
    client, process = kernel
    busy0, total0 = machine_busy()
    own0 = tree_cpu(process)
    out = run_study(client)
    busy1, total1 = machine_busy()
    others = max(0.0, (busy1 - busy0) - (tree_cpu(process) - own0)) / (total1 - total0)
    m = re.search(r"^other programs used (\d+) % of the CPU during this study(.*)$", out, re.M)
    assert m, out
    share, warned = int(m.group(1)), m.group(2).startswith(": rerun on a quieter machine")
    assert warned == (share >= 10), m.group(0)
    assert ("fitted: false" in out) if warned else True, "a disturbed study fits no law"
    speedup = float(re.search(r"^speed-up at 2 workers: ([\d.]+)$", out, re.M).group(1))
    return out, share, warned, speedup, others


@pytest.mark.skipif(psutil.cpu_count() < 2 or not shutil.which("taskset"), reason="needs 2 processors and taskset")
def test_a_busy_loop_on_one_core_is_either_survived_or_reported(kernel):
    burner = subprocess.Popen(["taskset", "-c", "0", sys.executable, "-c", "while True: pass"])
    try:
        out, share, warned, speedup, others = study_with_others_measured(kernel)
    finally:
        burner.kill()
        burner.wait()
    assert speedup >= 1.0 or warned, f"slower on 2 workers ({speedup}) with no warning:\n{out}"
    # the busy loop took about one core of two: the study saw it, as psutil did
    assert abs(share / 100 - others) <= 0.15, (share, others)


def test_a_quiet_run_does_not_warn(kernel):
    out, share, warned, speedup, others = study_with_others_measured(kernel)
    assert abs(share / 100 - others) <= 0.15, f"the study says {share} %, psutil {100 * others:.0f} %"
    if others >= 0.05:
        pytest.skip(f"the machine was not quiet (other programs took {100 * others:.0f} % by psutil, "
                    f"{share} % by the study, which {'warned' if warned else 'did not warn'}): "
                    "the no-warning check needs under 5 %; its other checks passed")
    assert not warned, out
