"""Notebook 07's Spark cluster, seen from outside: while it runs, nothing of it listens beyond 127.0.0.1;
after the notebook, after a restart and after a kill -9 of the kernel that started one, none of its JVMs
is left. (A cluster that cannot start is tested in LocalClusterTest; the notebook's run as on a Binder
container, where it shows a recorded cluster run, is one of test_notebooks' two runs.)"""
import os
import re
import signal
import time

from conftest import ALONE, LISTENING, NOTEBOOKS, SPARK_KERNEL, _execute, running_kernel, tagged
from test_process_workers import alive, run, sleeping_tasks, started, stop, wait_until_gone

NOTEBOOK = NOTEBOOKS / "07-beyond-one-machine.ipynb"
LOOPBACK = ("127.0.0.1:", "[::ffff:127.0.0.1]:", "[::1]:")


def notebook_jvms(nb):
    """The kernel's pid and those of the cluster's JVMs, as the notebook printed them."""
    rows = re.findall(r"^(.+?)\s+pid (\d+)\s+\d+ MB$", tagged(nb, "jvms").stdout, re.M)
    return {role: int(pid) for role, pid in rows[:1]}, [int(pid) for _, pid in rows]


def listening(ss_output, pids):
    """(local address, pid) of each listening socket that one of pids owns."""
    found = []
    for line in ss_output.splitlines():
        fields = line.split()
        for pid in re.findall(r"pid=(\d+)", line):
            if int(pid) in pids:
                found.append((fields[3], int(pid)))
    return found


@ALONE  # notebook 07's all-processors run
def test_the_cluster_listens_on_loopback_only():
    nb = _execute(NOTEBOOK)
    _, pids = notebook_jvms(nb)
    sockets = listening(LISTENING[NOTEBOOK], set(pids))
    # the driver, the Master, each Worker and each executor listen on at least one port
    assert {pid for _, pid in sockets} == set(pids), f"pids without a listening socket: {set(pids) - {p for _, p in sockets}}"
    outside = [(address, pid) for address, pid in sockets if not address.startswith(LOOPBACK)]
    assert not outside, f"Spark listens beyond loopback: {outside}"


@ALONE  # notebook 07's all-processors run
def test_no_cluster_jvm_outlives_the_notebook():
    nb = _execute(NOTEBOOK)
    _, pids = notebook_jvms(nb)
    assert wait_until_gone(pids[1:]) == [], "cluster JVMs left after the notebook"


START_A_CLUSTER = ("import org.learnparallel.cluster.*;\n"
                   "var cluster = LocalCluster.start(1);\n"
                   "var sc = Spark.on(cluster);\n"
                   "System.out.println(cluster.daemonPids() + \" \" + cluster.executorPids());")


def start_a_cluster(client):
    """The pids of the Master, the Worker and the executor that a cell of this kernel started."""
    out, _, error = run(client, START_A_CLUSTER, timeout=180)
    assert error is None, error
    pids = [int(p) for p in re.findall(r"\d+", out)]
    assert len(pids) == 3 and all(alive(p) for p in pids), out
    return pids


def test_the_cluster_ends_when_its_kernel_restarts_and_when_it_is_killed():
    """A restart (JupyterLab's Restart: a shutdown request, then a new kernel) ends the cluster of the old
    kernel; the new kernel starts a cluster of its own, and a kill -9 of that kernel (no shutdown hook
    runs) ends that one. One test, so that the kernel and its second cluster serve both checks: each
    cluster start takes the machine's two cores for a while."""
    with running_kernel(SPARK_KERNEL) as (manager, client):
        pids = start_a_cluster(client)
        kernel = manager.provisioner.process.pid
        manager.restart_kernel(now=False)
        assert manager.provisioner.process.pid != kernel
        assert wait_until_gone(pids, seconds=30) == [], "cluster JVMs outlived their kernel's restart"
        client.wait_for_ready(timeout=60)
        again = start_a_cluster(client)
        assert all(p not in pids for p in again)
        os.kill(manager.provisioner.process.pid, signal.SIGKILL)
        assert wait_until_gone(again, seconds=30) == [], "cluster JVMs outlived their killed kernel"


def test_interrupting_a_job_cancels_it(tmp_path):
    with running_kernel(SPARK_KERNEL) as (manager, client):
        _, _, error = run(client, "import org.learnparallel.cluster.*;\nvar sc = Spark.local(2);", timeout=180)
        assert error is None, error
        msg_id = client.execute(f"sc.parallelize(List.of(1, 2, 3, 4), 2).map({sleeping_tasks(tmp_path)}).collect()")
        started(tmp_path, 2)  # one task in each of local[2]'s threads
        stop(manager, client, msg_id)
        # JJava replies as soon as it has cancelled the cell's thread, which cancels the job on its way out:
        # within seconds (not the tasks' 10 minutes) no job and no stage is left running, and the threads are free
        active = "sc.sc().statusTracker().getActiveJobIds().length + sc.sc().statusTracker().getActiveStageIds().length"
        deadline = time.monotonic() + 60
        while (found := run(client, active)[1:]) != ("0", None) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert found == ("0", None)
        _, value, error = run(client, "sc.parallelize(List.of(1, 2), 2).map(x -> x * x).collect()", timeout=120)
        assert (value, error) == ("[1, 4]", None)
