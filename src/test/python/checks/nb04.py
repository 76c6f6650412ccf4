"""Output checks for notebooks/04-pool-map-starmap.ipynb."""
import re

from conftest import tagged

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

    assert tagged(nb, "starmap").value == "[6, 60, 0]"

    no_gil = tagged(nb, "no-gil").stdout
    assert re.search(r"loop: \d+ ms, pool of \d+ workers: \d+ ms, speed-up [\d.]+x", no_gil)
    assert "same answers: true [78498, 78498, 78498, 78498]" in no_gil
