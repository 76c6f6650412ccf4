"""Output checks for notebooks/07-beyond-one-machine.ipynb (Apache Spark on a local standalone cluster).
No timing is asserted, except that the printed comparison agrees with its own numbers and that the
cluster's job is slower than the pool's map, which the prose says (by a factor of hundreds here).
check_07 reads a run with a live cluster; check_07_recorded one on a machine without the memory for it
(test_spark_cluster runs that way), where sections 3 to 9 print the recorded run instead."""
import collections
import copy
import re

from conftest import NOTEBOOKS, tagged


def pids_in(text):
    return [int(p) for p in re.findall(r"pid (\d+)", text)]


def check_07_local(nb):
    """The local-mode section, the same either way; returns the kernel's pid."""
    kernel = int(re.fullmatch(r"this kernel \(the driver\) is pid (\d+)\n", tagged(nb, "setup").stdout).group(1))

    # local mode: every item computed in the kernel's own JVM
    local = tagged(nb, "local")
    assert local.value == "[1, 4, 9, 16, 25]"
    assert re.match(r"local\[2\] driver started in \d+ ms\n", local.stdout), local.stdout
    assert re.findall(r"square\((\d)\) = (\d+) in pid", local.stdout) == [("1", "1"), ("2", "4"), ("3", "9"), ("4", "16"), ("5", "25")]
    assert set(pids_in(local.stdout)) == {kernel}, local.stdout
    return kernel


CLUSTER_STARTED = (r"Master and 2 Workers started in \d+ ms, Master at spark://127\.0\.0\.1:\d+\n"
                   r"driver connected and 2 executors started in \d+ ms\n")


def check_07(nb):
    kernel = check_07_local(nb)
    cluster = tagged(nb, "cluster").stdout
    assert re.fullmatch(CLUSTER_STARTED, cluster), cluster
    check_07_cluster(nb, kernel)
    assert tagged(nb, "close").stdout == "JVMs of the cluster still running: []\n"
    check_07_lesson(nb)


def check_07_cluster(nb, kernel):
    """Sections 3 to 9 as a cluster run prints them, live or recorded; kernel is the driver's pid."""

    # the JVMs: a Master, 2 Workers, 2 executors, each with its own pid and a memory figure
    jvms = tagged(nb, "jvms").stdout
    rows = re.findall(r"^(kernel \(driver\)|Master|Worker \d|executor)\s+pid (\d+)\s+(\d+) MB$", jvms, re.M)
    assert [r[0] for r in rows] == ["kernel (driver)", "Master", "Worker 1", "Worker 2", "executor", "executor"], jvms
    assert int(rows[0][1]) == kernel and len({r[1] for r in rows}) == 6, jvms
    assert all(int(r[2]) > 0 for r in rows), jvms
    total = int(re.search(r"^the six JVMs\s+(\d+) MB$", jvms, re.M).group(1))
    assert total == sum(int(r[2]) for r in rows), jvms
    executors = {int(r[1]) for r in rows if r[0] == "executor"}

    # square and add from cell-defined functions, on the executors, not in the kernel
    square = tagged(nb, "cluster-square")
    assert square.stdout.endswith("\n[1, 4, 9, 16, 25]\n"), square.stdout
    ran_in = set(pids_in(square.stdout)) - {kernel}
    assert re.search(rf"the kernel is pid {kernel}$", square.stdout, re.M)
    assert len(ran_in) >= 2 and ran_in <= executors, (square.stdout, executors)
    assert kernel not in pids_in(square.stdout.split("the kernel is")[0])
    assert tagged(nb, "cluster-add").stdout.endswith("[6, 60, 0]\n")

    # partitions are the chunks: 10 items in 4, each on an executor
    parts = tagged(nb, "partitions").stdout
    assert parts.startswith("partitions: 4, items in each: [[1, 2], [3, 4, 5], [6, 7], [8, 9, 10]]\n"), parts
    lines = re.findall(r"^partition (\d) (\[[\d, ]+\]) on executor (\d+) \(pid (\d+)\)$", parts, re.M)
    assert [(i, items) for i, items, _, _ in lines] == [("0", "[1, 2]"), ("1", "[3, 4, 5]"), ("2", "[6, 7]"), ("3", "[8, 9, 10]")]
    assert {int(p) for *_, p in lines} <= executors and len({e for _, _, e, _ in lines}) == 2, parts

    # the task timeline: 8 tasks on the 2 executors, drawn as a chart
    timeline = tagged(nb, "timeline")
    assert timeline.value.startswith("8 tasks on 2 threads"), timeline.value
    assert sum(int(n) for n in re.findall(r"executor \d+\s+\|\s+(\d+)\s+\|", timeline.value)) == 8, timeline.value
    assert "application/vnd.plotly.v1+json" in timeline.cell.outputs[0].data

    # closures: Spark's own message for a captured local, ours for a notebook variable
    local_capture = tagged(nb, "closure-local").stdout
    assert re.fullmatch(r"org\.apache\.spark\.SparkException: Task not serializable\n"
                        r"caused by java\.io\.NotSerializableException: REPL\.\$JShell\$\d+\$Greeter\n", local_capture), local_capture
    variable = tagged(nb, "closure-variable").stdout
    assert re.fullmatch(r"java\.lang\.IllegalStateException: the notebook variable greeter holds a REPL\.\$JShell\$\d+\$Greeter,"
                        r" which is not Serializable, so executors see null in its place: .*\n", variable), variable

    # word count, against a count made here from the same file
    words = re.findall(r"[a-z]+", (NOTEBOOKS / "data" / "word-count.txt").read_text().lower())
    counts = collections.Counter(words)
    top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
    expected = (f"{len(counts)} different words, {len(words)} in all; the most frequent:\n"
                + "".join(f"  {w} {n}\n" for w, n in top)
                + "stages: 2, tasks: 4\n")
    assert tagged(nb, "wordcount").stdout == expected

    # the executor killed mid-job: its task failed with ExecutorLostFailure and ran again elsewhere
    kill = tagged(nb, "executor-kill").stdout
    victim = int(re.search(r"^killed executor pid (\d+); the job still returned \[1, 4, 9, 16\]$", kill, re.M).group(1))
    assert victim in executors
    attempts = re.findall(r"^partition (\d), attempt (\d), executor (\d+): (.*)$", kill, re.M)
    lost = [(p, int(a), e) for p, a, e, ended in attempts if ended.startswith("ExecutorLostFailure")]
    assert lost, kill
    for partition, attempt, executor in lost:
        assert any(p == partition and int(a) > attempt and e != executor and ended == "Success"
                   for p, a, e, ended in attempts), f"partition {partition} was not run again:\n{kill}"
    assert {p for p, *_, ended in attempts if ended == "Success"} == {"0", "1", "2", "3"}, kill
    before, now = re.search(r"^executor pids before: \[([\d, ]+)\], now: \[([\d, ]*)\]$", kill, re.M).groups()
    assert victim in map(int, before.split(", ")) and str(victim) not in now.split(", "), kill
    assert tagged(nb, "kill-timeline").value.startswith(f"{len(attempts)} tasks on ")

    # job overhead: the printed ratio is the ratio of the printed times, and the prose's claims hold
    overhead = tagged(nb, "overhead").stdout
    pool = int(re.search(r"Pool\.threads\(2\)\.map:\s+([\d,]+) us", overhead).group(1).replace(",", ""))
    spark, ratio = re.search(r"the cluster's map:\s+([\d,]+) us \((\d+) times as long\)", overhead).groups()
    spark = int(spark.replace(",", ""))
    empty = int(re.search(r"the cluster's empty job:\s+([\d,]+) us", overhead).group(1).replace(",", ""))
    assert abs(int(ratio) - spark / pool) <= 1, overhead
    assert spark > pool and empty >= 1000, f"the prose says a job costs milliseconds, more than the pool's map:\n{overhead}"


RECORDED = "(recorded run, spark-cluster-2core-intel-xeon.txt)\n"
RECORDED_CELLS = ["jvms", "cluster-square", "cluster-add", "partitions", "closure-local", "closure-variable",
                  "wordcount", "executor-kill", "overhead", "close"]


def check_07_recorded(nb):
    """A run where the cluster could not start for lack of memory: the cluster cell says why (the
    figures of its message agree), the cells after it print the recorded run, marked as such, and
    that run shows everything a live one must; local mode ran live."""
    kernel = check_07_local(nb)
    cluster = tagged(nb, "cluster").stdout
    why = re.match(r"No cluster here: not enough memory for this cluster: its 5 JVMs take about (\d+) MB to start"
                   r" and (\d+) MB are available; close other kernels or programs, use fewer Workers, or Spark\.local\(n\)\.\n"
                   r"Sections 3 to 9 show the run recorded on:\nmachine: .+\nrecorded: .+\nconditions: .+\n\n", cluster)
    assert why, cluster
    assert int(why.group(1)) > int(why.group(2)), cluster
    recorded_cluster = cluster[why.end():]
    assert recorded_cluster.startswith(RECORDED) and re.fullmatch(CLUSTER_STARTED, recorded_cluster[len(RECORDED):]), cluster
    for tag in RECORDED_CELLS:
        assert tagged(nb, tag).stdout.startswith(RECORDED), (tag, tagged(nb, tag).stdout)
    unmarked = copy.deepcopy(nb)
    for c in unmarked.cells:
        for o in c.outputs if c.cell_type == "code" else []:
            if o.output_type == "stream" and o.text.startswith(RECORDED):
                o.text = o.text[len(RECORDED):]
    recorded_kernel = int(re.search(r"^kernel \(driver\)\s+pid (\d+)", tagged(unmarked, "jvms").stdout, re.M).group(1))
    assert recorded_kernel != kernel, "the recorded run's pids are this kernel's"
    check_07_cluster(unmarked, recorded_kernel)
    assert tagged(unmarked, "close").stdout == "JVMs of the cluster still running: []\n"
    check_07_lesson(nb)


def check_07_lesson(nb):
    """Challenges labelled and ordered easy to hard; the instructor notes' minutes add up to the header's."""
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    levels = re.findall(r"\*\*Challenge (\d) \((easy|medium|hard)\):", text)
    assert [n for n, _ in levels] == ["1", "2", "3", "4"], levels
    order = ["easy", "medium", "hard"]
    assert [order.index(level) for _, level in levels] == sorted(order.index(level) for _, level in levels), levels
    teaching, exercises = map(int, re.search(r"\*\*Teaching:\*\* (\d+) min · \*\*Exercises:\*\* (\d+) min", text).groups())
    notes = re.search(r"\*\*Minutes\*\* \(teaching (\d+)\): (.*?)\. \*\*Exercises\*\* \((\d+)\): (.*?)\.\n", text, re.S)
    assert notes, "instructor notes without minutes"
    sections = re.findall(r"§(\d+) [^,]*? (\d+)(?:,|$)", notes.group(2))
    assert [int(n) for n, _ in sections] == list(range(1, 12)), sections
    assert int(notes.group(1)) == teaching == sum(int(m) for _, m in sections), notes.group(0)
    challenges = re.findall(r"challenge (\d) (\d+)", notes.group(4))
    assert [n for n, _ in challenges] == ["1", "2", "3", "4"]
    assert int(notes.group(3)) == exercises == sum(int(m) for _, m in challenges), notes.group(0)
