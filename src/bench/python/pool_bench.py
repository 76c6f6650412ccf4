"""Python's side of the Pool benchmarks: the same work as the JMH benchmarks, in multiprocessing.Pool.

Prints JSON: the mean wall time in seconds of each workload, the per-run times, and the sizes used;
"paired" names the workloads run in turns, whose i-th runs make a round (the CPU-bound loop and map).
Each timing runs on a pool that is already started and warmed, as the JMH benchmarks do.
"""

import argparse
import json
import multiprocessing
import platform
import statistics
import time


def square(x):
    return x * x


def work(task, iterations):
    """The same computation as CpuBoundBenchmark.work in Java."""
    acc = task
    for i in range(iterations):
        acc = (acc + i * i) % 1_000_003
    return acc


def cpu_task(task):
    return work(task, ITERATIONS)


# Set before the pool starts, so that forked workers see it too.
ITERATIONS = 0


def ready_pool(workers):
    """A pool that has answered a first task: Pool() returns before its workers run."""
    start = time.perf_counter()
    pool = multiprocessing.Pool(workers)
    pool.map(square, [0])
    elapsed = time.perf_counter() - start
    pool.terminate()
    pool.join()
    return elapsed


def timed(fn, repeats):
    fn()  # warm-up
    runs = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return summary(runs)


def in_turns(fns, repeats):
    """Times each of fns (a dict) once a round, in turns (first one, then the other), after a warm-up
    of each: the i-th runs of all of them are a round, which a slow spell of the machine hits alike."""
    for fn in fns.values():
        fn()
    runs = {name: [] for name in fns}
    for r in range(repeats):
        for name in list(fns)[::-1 if r % 2 else 1]:
            start = time.perf_counter()
            fns[name]()
            runs[name].append(time.perf_counter() - start)
    return {name: summary(times) for name, times in runs.items()}


def summary(runs):
    return {"mean_s": statistics.fmean(runs), "runs_s": runs}


def main():
    global ITERATIONS
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--n", type=int, default=100_000, help="squares")
    parser.add_argument("--tasks", type=int, default=8, help="CPU-bound tasks")
    # ~45 ms a task in CPython, about what Java's 10,000,000 take: the pool's share is alike.
    parser.add_argument("--iterations", type=int, default=1_000_000, help="of work() per CPU-bound task")
    parser.add_argument("--quick", action="store_true", help="fewer repeats: a smoke run")
    args = parser.parse_args()
    ITERATIONS = args.iterations
    repeats = 2 if args.quick else 5
    items = list(range(args.n))
    tasks = list(range(args.tasks))

    ready_pool(args.workers)  # warm-up
    results = {"start": summary([ready_pool(args.workers) for _ in range(repeats * 2)])}
    with multiprocessing.Pool(args.workers) as pool:
        results |= {
            "squares_loop": timed(lambda: [square(x) for x in items], repeats),
            "squares_map": timed(lambda: pool.map(square, items), repeats),
            # ~2 s a run: fewer repeats, the per-item overhead is what is measured.
            "squares_map_chunksize1": timed(lambda: pool.map(square, items, chunksize=1), max(1, repeats // 2)),
        }
        results |= in_turns({"cpu_loop": lambda: [cpu_task(t) for t in tasks],
                             "cpu_map": lambda: pool.map(cpu_task, tasks)}, repeats)
    print(json.dumps({
        "python": platform.python_version(),
        "workers": args.workers, "n": args.n, "tasks": args.tasks, "iterations": args.iterations,
        "results": results, "paired": ["cpu_loop", "cpu_map"],
    }, indent=2))


if __name__ == "__main__":
    main()
