"""Output checks for notebooks/05-pool-tour.ipynb. No timing is asserted, beyond what the sleeps make
certain or leave hundreds of milliseconds of margin for (see each comment)."""
import re

from conftest import tagged

WORKER = r"pool-\d+-worker-\d+"


def check_05(nb):
    # imap: returns at once, then the results in input order as they come
    imap = tagged(nb, "imap")
    assert imap.value == "[0, 1, 4, 9, 16, 25]"
    lines = imap.stdout.splitlines()
    assert re.fullmatch(r"\s*\d+ ms  imap returned", lines[0]), lines[0]
    got = [tuple(map(int, m)) for m in re.findall(r"(\d+) ms  got\s+(\d+)\s+\((\d) of 6 items finished\)", imap.stdout)]
    assert len(got) == len(lines) - 1 == 6, imap.stdout
    assert [r for _, r, _ in got] == [0, 1, 4, 9, 16, 25]
    assert got[0][0] >= 300, "no result before its 300 ms sleep"
    finished = [f for _, _, f in got]
    assert finished == sorted(finished) and finished[-1] == 6, finished
    # the first result comes while items are still computing: the last pair ends 600 ms later
    assert finished[0] < 6, f"the first result came only after all items were finished:\n{imap.stdout}"

    # imap keeps input order; imapUnordered gives the 30 ms items before the 300 ms one
    unordered = tagged(nb, "imap-unordered").stdout

    def arrivals(name):
        line = re.search(rf"^{name}:\s+(.*)$", unordered, re.M).group(1)
        return [(int(i), int(t)) for i, t in re.findall(r"item (\d) at (\d+) ms", line)]

    in_order, as_finished = arrivals("imap"), arrivals("imapUnordered")
    assert [i for i, _ in in_order] == [0, 1, 2, 3], unordered
    assert sorted(i for i, _ in as_finished) == [0, 1, 2, 3], unordered
    assert as_finished[0][0] != 0, f"the slow item came first in completion order:\n{unordered}"
    assert dict(as_finished)[0] >= 300 and in_order[0][1] >= 300

    # apply runs on a worker
    assert re.fullmatch(rf"max\(3, 7\) = 7, computed on {WORKER}\n", tagged(nb, "apply").stdout)

    # applyAsync: not ready at once (600 ms sleep), get(100 ms) times out, get() returns 7 * 7
    assert tagged(nb, "apply-async").stdout.splitlines() == [
        "ready at once?   false",
        "get(100 ms):     the result was not ready within 100 ms",
        "get():           49",
        "ready, successful: true, true",
    ]

    map_async = tagged(nb, "map-async").stdout
    assert re.search(r"both started, ready: (true|false), (true|false)$", map_async, re.M), map_async
    assert re.search(r"squares \[1, 4, 9, 16\], sums \[3, 30\]$", map_async, re.M), map_async

    # callbacks: each result calls its own, on a pool worker, and both print inside the cell
    callbacks = tagged(nb, "callbacks").stdout.splitlines()
    assert len(callbacks) == 3 and callbacks[2] == "successful: true, false", callbacks
    assert any(re.fullmatch(rf"onSuccess on {WORKER}: \[1, 4, 9\]", l) for l in callbacks[:2]), callbacks
    assert any(re.fullmatch(rf'onError on {WORKER}: java.lang.NumberFormatException: For input string: "forty-two"', l)
               for l in callbacks[:2]), callbacks

    # applyAsync with callbacks, in plain Java: CompletableFuture (a callback on a task already done runs
    # on the thread that adds it, so either thread may print)
    completable = tagged(nb, "completable-future").stdout.splitlines()
    assert len(completable) == 3 and completable[2] == "bad.get(): -1", completable
    failed, succeeded = sorted(completable[:2])
    assert failed == 'exceptionally: java.lang.NumberFormatException: For input string: "forty-two"', completable
    assert re.fullmatch(r"thenAccept on (pool-\d+-thread-[12]|jjava-exec-\S+): 49", succeeded), completable

    # chunksize: the number of tasks, counted with a fresh worker per task
    tasks = dict(re.findall(r"^  (\S.*?)\s+(\d+) tasks$", tagged(nb, "chunk-tasks").stdout, re.M))
    assert tasks == {"map": "8", "map, chunksize 1": "100", "map, chunksize 50": "2", "imap": "100",
                     "imap, chunksize 25": "4"}, tasks
    assert "ceil(100 / (4 * 2)) = 13 items per chunk" in tagged(nb, "chunk-tasks").stdout

    # per-item cost: figures printed (never compared), the same results every way
    timing = tagged(nb, "chunk-timing").stdout
    per_item = dict(re.findall(r"^(.+?)\s+(\d+\.\d+) µs per item$", timing, re.M))
    assert sorted(per_item) == sorted(["map, chunksize 1", "map, default chunks", "imap, default (chunksize 1)",
                                       "imap, chunksize 1000"]), timing
    assert all(float(v) > 0 for v in per_item.values()), per_item
    for label in per_item:
        assert re.search(rf"^{re.escape(label)}: .* per run \(median .*; 5 runs, 2 warm-ups\)", timing, re.M), label
    assert "same sum of squares every way: true" in timing

    # errors: which item, which worker, what cause; the pool still works after it
    failed = tagged(nb, "task-failed").stdout.splitlines()
    cause = 'java.lang.NumberFormatException: For input string: "forty-two"'
    message = re.fullmatch(rf"message: task for item 2 failed in worker ({WORKER}): (.*)", failed[0])
    assert message and message.group(2) == cause, failed[0]
    assert failed[1:] == ['index:   2, the record "forty-two"', f"worker:  {message.group(1)}", f"cause:   {cause}",
                          "next map on the same pool: [1, 2, 3]"], failed

    assert tagged(nb, "imap-failure").stdout.splitlines() == [
        'skipped item 2: For input string: "forty-two"', "parsed: [12, 7, 3]"]

    assert tagged(nb, "bad-arguments").stdout.splitlines() == [
        "null function    NullPointerException: the function is null",
        "chunksize 0      IllegalArgumentException: chunksize must be at least 1, got 0",
        "map after close  IllegalStateException: this pool is closed",
    ]

    # close waits for the work given; terminate cancels it
    close = tagged(nb, "close-waits")
    assert close.value == "9 computed"
    assert re.fullmatch(r"\s*\d+ ms  after the block, ready: true\n", close.stdout), close.stdout
    terminate = tagged(nb, "terminate")
    lines = terminate.stdout.splitlines()
    assert lines[0] == "ready true, successful false", lines
    assert re.fullmatch(r"get\(\): the pool was terminated before the task for item \d finished", lines[1]), lines
    assert re.fullmatch(r"Pool\[2 threads pool-\d+-worker-N, closed\]", terminate.value), terminate.value

    # cooperative cancellation: loops that check Thread.interrupted() end when terminate() interrupts them
    cooperative = tagged(nb, "cooperative")
    assert cooperative.stdout == "both loops ended: true\n", cooperative.stdout
    assert re.fullmatch(r"Pool\[2 threads pool-\d+-worker-N, closed\]", cooperative.value), cooperative.value
    assert "ignores the interrupt" not in cooperative.stderr, cooperative.stderr

    # a loop that never checks: terminate() names the stuck worker and what it runs; the loop ends by itself
    stuck = tagged(nb, "stuck-worker")
    assert stuck.stdout == "terminate() returned; the loop ran on and ended by itself: true\n", stuck.stdout
    assert re.match(rf"terminate\(\): this worker thread ignores the interrupt and keeps running: {WORKER} "
                    r"\(running item 0, now at REPL\.", stuck.stderr), stuck.stderr
    assert "until the kernel restarts" in stuck.stderr and "Thread.interrupted()" in stuck.stderr, stuck.stderr
    assert "Pool.processes(n)" in stuck.stderr, stuck.stderr

    # challenges labelled with their difficulty, easy to hard; minutes per section in the instructor notes
    text = "".join(c.source for c in nb.cells if c.cell_type == "markdown")
    levels = re.findall(r"\*\*Challenge (\d) \((easy|medium|hard)\):", text)
    assert levels == [("1", "easy"), ("2", "medium"), ("3", "hard")], levels
    notes = next(c.source for c in nb.cells if c.cell_type == "markdown" and c.source.startswith("## Instructor notes"))
    minutes = [int(m) for m in re.findall(r"section \d \([^)]*\) (\d+)", notes)]
    assert len(minutes) == 5, notes
    top = nb.cells[0].source
    teaching = int(re.search(r"\*\*Teaching:\*\* (\d+) min", top).group(1))
    exercises = int(re.search(r"\*\*Exercises:\*\* (\d+) min", top).group(1))
    assert sum(minutes) == teaching, (minutes, teaching)
    assert re.search(rf"challenges {exercises}\b", notes), notes
