"""Output checks for notebooks/06-the-java-you-will-write.ipynb. Each branch follows what the notebook
printed (the JDK's feature version, the processors the JVM sees). Times are asserted only where the
sleeps make them certain (a lower bound) or leave seconds of margin (virtual threads under 3 s)."""
import math
import re

from conftest import tagged

SEED = re.escape("squares [1, 4, 9, 16, 25], sums [6, 60, 0] in ") + r"(\d+) ms"
ROW = re.compile(r"^(.+?) \((\d+) tasks\)\s+(\d+) ms\s+(\d+)\s+(\d+)\s+(\d+)\s+(?:(-?[\d.]+) MB|-)$", re.M)


def square_threads(stdout):
    lines = re.findall(r"^square\((\d)\) on (\S+)$", stdout, re.M)
    assert sorted(int(x) for x, _ in lines[:5]) == [1, 2, 3, 4, 5], stdout
    return {thread for _, thread in lines}


def runs(stdout):
    return [dict(label=m[0], tasks=int(m[1]), wall=int(m[2]), threads=int(m[3]), carriers=int(m[4]),
                 alive=int(m[5]), heap=m[6]) for m in ROW.findall(stdout)]


def check_06(nb):
    feature = int(re.search(r"^Java (\d+)", tagged(nb, "virtual-setup").stdout, re.M).group(1))
    assert feature >= 17

    # the seed examples, through each tool, two threads each
    pool = tagged(nb, "pool").stdout
    assert re.search(rf"^our Pool: {SEED}$", pool, re.M), pool
    assert all(re.fullmatch(r"pool-\d+-worker-[12]", t) for t in square_threads(pool))

    invoke_all = tagged(nb, "invoke-all").stdout
    assert re.search(rf"^invokeAll: {SEED}$", invoke_all, re.M), invoke_all
    assert all(re.fullmatch(r"pool-\d+-thread-[12]", t) for t in square_threads(invoke_all))

    close = tagged(nb, "close").stdout
    how = "close(): " if feature >= 19 else "shutdown() and awaitTermination(): "
    assert close.endswith(how + "terminated true, the task done true, result 36\n"), close

    stream = tagged(nb, "parallel-stream").stdout
    m = re.search(r"^processors (\d+), common pool parallelism (\d+), this cell's thread (\S+)$", stream, re.M)
    processors, parallelism, cell_thread = int(m.group(1)), int(m.group(2)), m.group(3)
    assert parallelism == max(processors - 1, 1), stream
    assert re.search(rf"^parallel stream: {SEED}$", stream, re.M), stream
    assert all(t == cell_thread or re.fullmatch(r"ForkJoinPool\.commonPool-worker-\d+", t)
               for t in square_threads(stream)), stream

    # the blocking trap: 8 waits of 100 ms; a pool of one thread runs them one by one
    pools = dict((name, (int(ms), int(n))) for name, ms, n in re.findall(
        r"^(common pool|ForkJoinPool\(1\)|ForkJoinPool\(8\)):\s+(\d+) ms on (\d+) threads$",
        tagged(nb, "stream-pools").stdout, re.M))
    common_ms, common_threads = pools["common pool"]
    assert common_threads <= parallelism + 1
    assert common_ms >= 95 * math.ceil(8 / common_threads), pools
    assert pools["ForkJoinPool(1)"][1] == 1 and pools["ForkJoinPool(1)"][0] >= 760, pools
    assert 1 <= pools["ForkJoinPool(8)"][1] <= 8 and pools["ForkJoinPool(8)"][0] >= 95, pools
    if common_threads < 4:  # the common pool needs 2+ rounds, a pool of 8 threads one: hundreds of ms apart
        assert pools["ForkJoinPool(8)"][0] < common_ms, pools

    completable = tagged(nb, "completable").stdout
    assert re.search(rf"^CompletableFuture: {SEED}$", completable, re.M), completable
    assert all(re.fullmatch(r"pool-\d+-thread-[12]", t) for t in square_threads(completable))
    assert "thenCombine and thenApply: sqrt(3² + 4²) = 5\n" in completable
    assert ('exceptionally: java.util.concurrent.CompletionException: java.lang.NumberFormatException: '
            'For input string: "forty-two"\nparsed: -1\n') in completable

    stages = dict(re.findall(r"^(.+?)\s+on (\S+)$", tagged(nb, "stages").stdout, re.M))
    default = r"ForkJoinPool\.commonPool-worker-\d+|Thread-\d+"
    mine = stages["supplyAsync(task, mine)"]
    assert re.fullmatch(r"pool-\d+-thread-1", mine), stages
    assert stages["thenApply"] == mine and stages["thenApplyAsync(.., mine)"] == mine, stages
    assert re.fullmatch(default, stages["thenApplyAsync"]) and re.fullmatch(default, stages["supplyAsync(task)"]), stages
    assert stages["thenApply on a done one"] == cell_thread, stages

    # fork/join: the number of chunks follows from halving 20,000,000 down to the threshold
    fork_join = re.findall(r"^threshold\s+([\d,]+):\s+([\d,]+) chunks, median\s+([\d.]+) ms, right sum: (\w+)$",
                           tagged(nb, "fork-join").stdout, re.M)
    assert [(t, c, ok) for t, c, _, ok in fork_join] == [
        ("20,000,000", "1", "true"), ("1,000,000", "32", "true"), ("10,000", "2,048", "true"), ("100", "262,144", "true")]
    assert all(float(ms) > 0 for _, _, ms, _ in fork_join)

    # virtual threads: measured on 21+, the recorded run (never an error) before
    waits_out = tagged(nb, "virtual-waits").stdout
    compute_out = tagged(nb, "virtual-compute").stdout
    if feature < 21:
        for out in (waits_out, compute_out):
            assert out.startswith(f"Virtual threads need Java 21 or newer; this kernel runs Java {feature}.\n"
                                  "Here is a run recorded in notebooks/data/virtual-threads-"), out
    virtual, fixed = runs(waits_out)
    assert (virtual["label"], fixed["label"]) == ("one virtual thread per task", "fixed pool of 200 platform threads")
    assert virtual["tasks"] == fixed["tasks"] == 10_000
    assert virtual["threads"] == 10_000 and 1 <= virtual["carriers"] <= (processors if feature >= 21 else 2)
    assert fixed["threads"] == fixed["carriers"] == 200 and fixed["alive"] >= 200
    assert fixed["wall"] >= 5_000, "50 rounds of 100 ms"
    assert virtual["wall"] < 3_000, f"10,000 waits of 100 ms on virtual threads took {virtual['wall']} ms"
    ratio = float(re.search(r"^the fixed pool took ([\d.]+) times as long$", waits_out, re.M).group(1))
    assert abs(ratio - fixed["wall"] / virtual["wall"]) < 0.06 and ratio > 5_000 / 3_000, ratio
    assert re.search(r"^heap per virtual thread: [\d.]+ KB; each platform thread reserves a stack outside the heap: \d+ KB$",
                     waits_out, re.M), waits_out

    virtual, fixed = runs(compute_out)
    workers = fixed["threads"]
    assert virtual["tasks"] == fixed["tasks"] == 4 * workers and virtual["threads"] == 4 * workers
    assert fixed["label"] == f"fixed pool of {workers} platform thread(s)"
    assert virtual["wall"] > 0 and fixed["wall"] > 0
    assert re.search(r"^virtual threads took [\d.]+ times as long as the fixed pool$", compute_out, re.M)

    # the shared ArrayList: each run's count agrees with what it says; wrong at least once on 2+ processors
    shared = tagged(nb, "shared-list").stdout.splitlines()
    wrong = 0
    for line in shared[:5]:
        m = re.fullmatch(r"run \d: 4,000,000 items expected, ([\d,]+) in the list: (nothing lost|([\d,]+) lost|a task threw .+)", line)
        assert m, line
        size = int(m.group(1).replace(",", ""))
        if m.group(2) == "nothing lost":
            assert size == 4_000_000, line
        else:
            wrong += 1
            if m.group(3):
                assert size + int(m.group(3).replace(",", "")) == 4_000_000, line
    if wrong:
        assert shared[5] == f"wrong in {wrong} of 5 runs", shared
    else:
        assert shared[5] == f"right in all 5 runs, on {processors} processor(s): the bug hid this time", shared
    if processors > 1:
        assert wrong >= 1, f"four threads on {processors} processors never lost an item in 5 runs:\n" + "\n".join(shared)

    fixes = re.findall(r"^(.+?)\s+([\d,]+) items \((\w+)\),\s+[\d.]+ ms$", tagged(nb, "shared-fixes").stdout, re.M)
    assert [(label, n, ok) for label, n, ok in fixes] == [
        (label, "400,000", "exact") for label in ("1. results from map", "2. Collections.synchronizedList",
                                                   "3a. AtomicLong (a count)", "3b. LongAdder (a count)")], fixes

    # the deadlock: found, each thread holds what the other waits for, then both released
    deadlock = tagged(nb, "deadlock").stdout.splitlines()
    assert deadlock[0] == "deadlocked threads: 2", deadlock
    held = [re.fullmatch(r"  (\S+) holds (ReentrantLock\$\w+@\w+), waits for (ReentrantLock\$\w+@\w+) held by (\S+)", l)
            for l in deadlock[1:3]]
    assert all(held), deadlock
    (t1, h1, w1, o1), (t2, h2, w2, o2) = (m.groups() for m in held)
    assert (o1, o2, w1, w2) == (t2, t1, h2, h1) and h1 != h2, deadlock
    assert deadlock[3] == "after the interrupt, tasks ended: true, deadlocked threads: none", deadlock

    order = tagged(nb, "lock-order").stdout
    m = re.fullmatch(r"task 1 done, task 2 done in (\d+) ms; deadlocked threads: none\n", order)
    assert m and int(m.group(1)) >= 190, f"both tasks hold lock A for 100 ms, one after the other: {order}"
