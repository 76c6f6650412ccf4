"""Every challenge is labelled easy, medium or hard, in that order, and every Java block of a collapsed
solution runs: conftest executes them after the notebook's own cells, in the same kernel (so they see the
notebook's variables, as a student's would). Where a solution's prose says what it prints, that is asserted."""
import re

import pytest

from challenges import LEVELS, TAG, challenges
from conftest import ALONE, SOLUTIONS, Cell, _execute, committed, notebook_paths

pytestmark = ALONE

# What a solution prints, where its prose says it: a regular expression over its whole stdout, or a check.
EXPECTED = {
    ("00-start-here.ipynb", 1, 1): r"\[1, 4, 9, 16\]\n",
    ("00-start-here.ipynb", 2, 1): r"\d+ logical cores, \d+ for the JVM\n",
    ("01-process-vs-thread.ipynb", 1, 1): r"4 threads add 1, 1000 times each: \d+ of 4000\n",
    ("01-process-vs-thread.ipynb", 2, 1): r"(child pid \d+, parent pid \d+, count (100|200|300)\n){3}the kernel's count: 0\n",
    ("01-process-vs-thread.ipynb", 3, 1): r"(?s)thread\s+before start\s+typed\s+after close\s*\n.*^wordcount\s+NEW\s+\S+\s+TERMINATED\s*$.*^words: 10\n",
    ("03-serial-vs-parallel.ipynb", 2, 1): (
        "serialTasks 0: s = 0.00, S(2) = 2.00, S(inf) = no limit\n"
        "serialTasks 2: s = 0.20, S(2) = 1.67, S(inf) = 5.0\n"
        "serialTasks 4: s = 0.33, S(2) = 1.50, S(inf) = 3.0\n"
        "serialTasks 8: s = 0.50, S(2) = 1.33, S(inf) = 2.0\n").replace("(", r"\(").replace(")", r"\)"),
    ("03-serial-vs-parallel.ipynb", 4, 1): r"(?s)1 worker, 8 tasks: .*^1 worker, 8 tasks: \d+ ms, scaled speed-up 1\.00\n(2 workers, 16 tasks: .*^2 workers, 16 tasks: \d+ ms, scaled speed-up [\d.]+\n)?",
    ("06-the-java-you-will-write.ipynb", 1, 1): r"(square\(\d\) on ForkJoinPool-\d+-worker-1\n){5}\[1, 4, 9, 16, 25\]\n",
    ("06-the-java-you-will-write.ipynb", 2, 1): r"1\n4\ncancelled\n16\n25\n",
    ("06-the-java-you-will-write.ipynb", 4, 1): r"(?s).*^10,000 platform threads \(10000 tasks\)\s+\d+ ms .*",
    ("06-the-java-you-will-write.ipynb", 3, 1): r"count\+\+:\s+\d+\nsynchronized: 400000\nLongAdder:\s+400000\n",
    ("06-the-java-you-will-write.ipynb", 5, 1): r"task 1 done, task 2 done; deadlocked threads: none\n",
}
VALUES = {  # a solution whose last expression is shown: how its text starts
    ("03-serial-vs-parallel.ipynb", 1, 1): "8 tasks on 3 threads, ",
    ("03-serial-vs-parallel.ipynb", 3, 1): "Wall time",
}


def blocks():
    for path in notebook_paths():
        for number, _, _, solutions in challenges(committed(path)):
            for k in range(1, len(solutions) + 1):
                yield pytest.param(path, number, k, id=f"{path.name}-challenge-{number}-block-{k}")


@pytest.mark.parametrize("path", notebook_paths(), ids=lambda p: p.name)
def test_challenges_labelled_easy_to_hard(path):
    found = challenges(committed(path))
    assert found, f"{path.name} has no challenges"
    assert [n for n, _, _, _ in found] == list(range(1, len(found) + 1)), "numbered 1, 2, 3..."
    levels = [level for _, level, _, _ in found]
    assert None not in levels, f"label each challenge: **Challenge N (easy|medium|hard): ...** ({levels})"
    assert [LEVELS.index(l) for l in levels] == sorted(LEVELS.index(l) for l in levels), f"order easy to hard: {levels}"


def test_expectations_name_real_solutions():
    """A typo in EXPECTED or VALUES would silently check nothing."""
    real = {(p.name, n, k) for p in notebook_paths() for n, _, _, s in challenges(committed(p)) for k in range(1, len(s) + 1)}
    assert set(EXPECTED) | set(VALUES) <= real, sorted((set(EXPECTED) | set(VALUES)) - real)


@pytest.mark.parametrize("path, number, k", list(blocks()))
def test_solution_runs(path, number, k):
    _execute(path)  # the notebook's all-processors run, which runs the solutions after its cells
    tag = TAG.format(number, k)
    [cell] = [c for c in SOLUTIONS[path.name] if tag in c.metadata.tags]
    errors = [o for o in cell.outputs if o.output_type == "error"]
    assert not errors, f"{errors[0].ename}: {errors[0].evalue}\n{cell.source}"
    out = Cell(cell)
    assert not out.stderr, out.stderr
    if "System.out" in cell.source:
        assert out.stdout, "the solution prints nothing"
    key = (path.name, number, k)
    if key in EXPECTED:
        assert re.fullmatch(EXPECTED[key], out.stdout, re.M), out.stdout
    if key in VALUES:
        assert out.value and out.value.startswith(VALUES[key]), out.value
