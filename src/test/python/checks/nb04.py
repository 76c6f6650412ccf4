"""Output checks for notebooks/04-pool-map-starmap.ipynb."""
import re

from checks.nb02 import check_live_view
from conftest import NOTEBOOKS, tagged

WORKER_LINE = re.compile(r"^Worker process id for (\d+): (\d+) \(thread (.+)\)$", re.M)


def worker_lines(cell):
    return [(int(x), int(pid), thread) for x, pid, thread in WORKER_LINE.findall(cell.stdout)]


def check_04(nb):
    where = tagged(nb, "where").value
    kernel_pid = int(re.fullmatch(r"pid (\d+), thread (.+)", where).group(1))

    serial = tagged(nb, "serial-loop")
    assert serial.value == "[1, 4, 9, 16, 25]"
    lines = worker_lines(serial)
    assert sorted(x for x, _, _ in lines) == [1, 2, 3, 4, 5]
    assert {pid for _, pid, _ in lines} == {kernel_pid}
    assert len({thread for _, _, thread in lines}) == 1, "a loop runs on one thread"

    pool_map = tagged(nb, "pool-map")
    assert pool_map.value == "[1, 4, 9, 16, 25]"
    processors = int(re.search(r"processors the JVM sees: (\d+)", pool_map.stdout).group(1))
    lines = worker_lines(pool_map)
    assert sorted(x for x, _, _ in lines) == [1, 2, 3, 4, 5]
    assert {pid for _, pid, _ in lines} == {kernel_pid}, "thread workers share the kernel's process"
    threads = {thread for _, _, thread in lines}
    assert all(re.fullmatch(r"pool-\d+-worker-\d+", t) for t in threads), threads
    if processors > 1:
        assert len(threads) > 1, f"map used one worker on {processors} processors: {threads}"
    else:
        assert len(threads) == 1

    # the live view of a 16-item map on every processor: complete, results in input order
    live = tagged(nb, "live-map")
    check_live_view(live, f"{processors} worker{'' if processors == 1 else 's'}", 16)
    assert "[" + ", ".join(str(x * x) for x in range(1, 17)) + "]\n" in live.stdout, live.stdout

    assert tagged(nb, "starmap").value == "[6, 60, 0]"

    # the recorded one-CPU run of section 5's work: the printed figures are the file's
    data = (NOTEBOOKS / "data" / "speedup-no-gil-1cpu-intel-xeon.csv").read_text().splitlines()
    machine = next(l[len("# machine: "):] for l in data if l.startswith("# machine: "))
    times = {int(r.split(",")[0]): float(r.split(",")[1]) for r in data if r[:1].isdigit()}
    printed = tagged(nb, "recorded-no-gil").stdout
    assert printed == (f"{machine}: 1 worker {times[1] * 1e3:.0f} ms, 2 workers {times[2] * 1e3:.0f} ms, "
                       f"speed-up {times[1] / times[2]:.2f}x\n"), printed
    assert times[1] / times[2] < 1.2, "the prose: no speed-up on one CPU"

    # where the library comes from: the kernel's imports, the course library's among them
    imports = tagged(nb, "kernel-imports").stdout.splitlines()
    assert {"import org.learnparallel.pool.*;", "import java.util.concurrent.*;"} <= set(imports), imports

    # the same map with the JDK's ExecutorService
    invoke_all = tagged(nb, "invoke-all")
    assert invoke_all.stdout.endswith("[1, 4, 9, 16, 25]\n"), invoke_all.stdout
    assert sorted(x for x, _, _ in worker_lines(invoke_all)) == [1, 2, 3, 4, 5]
    assert all(re.fullmatch(r"pool-\d+-thread-[12]", t) for _, _, t in worker_lines(invoke_all)), invoke_all.stdout

    no_gil = tagged(nb, "no-gil").stdout
    assert re.search(r"loop: \d+ ms, pool of \d+ workers: \d+ ms, speed-up [\d.]+x", no_gil)
    assert "same answers: true [78498, 78498, 78498, 78498]" in no_gil

    # worker processes: the same square function, defined in a cell, runs in other JVMs, one pid each
    process_map = tagged(nb, "process-map")
    assert process_map.value == "[1, 4, 9, 16, 25]"
    m = re.search(r"^Pool\[(\d+) process(?:es)? pool-\d+-process-N, pids \[([\d, ]+)\], open\]$", process_map.stdout, re.M)
    assert m, process_map.stdout
    pool_pids = {int(p) for p in m.group(2).split(", ")}
    assert int(m.group(1)) == processors == len(pool_pids), (m.group(0), processors)
    lines = worker_lines(process_map)
    assert sorted(x for x, _, _ in lines) == [1, 2, 3, 4, 5], process_map.stdout
    pids = {pid for _, pid, _ in lines}
    assert kernel_pid not in pids and pids <= pool_pids, (kernel_pid, pids, pool_pids)
    if processors > 1:
        assert len(pids) > 1, f"map used one worker process on {processors} processors: {pids}"
    assert all(re.fullmatch(r"pool-\d+-process-\d+", t) for _, _, t in lines), lines

    # what each kind of pool costs: three rows, a positive figure per kind (their ratio is not asserted)
    cost = tagged(nb, "process-cost").stdout.splitlines()
    assert re.fullmatch(r"2 workers, median of 5\s+threads\s+processes", cost[0]), cost
    rows = [re.fullmatch(r"(.+?)\s+(\d+\.\d{3})\s+(\d+\.\d{3})", line) for line in cost[1:]]
    assert all(rows) and [r.group(1) for r in rows] == [
        "start a pool (ms)", "map 100,000 squares (ms)", "chunksize 1, per item (µs)"], cost
    assert all(float(r.group(2)) > 0 and float(r.group(3)) > 0 for r in rows), cost
