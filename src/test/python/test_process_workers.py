"""Worker processes of Pool.processes under the real kernel: they never outlive it, and an
interrupted map stops its tasks in the workers, as JupyterLab's stop button would."""
import os
import re
import signal
import time

import pytest

from conftest import running_kernel

TIMEOUT = 60


@pytest.fixture
def kernel():
    with running_kernel() as (manager, client):
        yield manager, client


def run(client, code, timeout=TIMEOUT):
    """Executes code; returns (printed text, value text, error name or None)."""
    printed, value, error = [], None, None

    def output(msg):
        nonlocal value, error
        kind, content = msg["msg_type"], msg["content"]
        if kind == "stream":
            printed.append(content["text"])
        elif kind == "execute_result":
            value = content["data"]["text/plain"]
        elif kind == "error":
            error = content["ename"] + ": " + content["evalue"]

    client.execute_interactive(code, timeout=timeout, output_hook=output)
    return "".join(printed), value, error


def worker_pids(client):
    _, value, error = run(client, "var pool = Pool.processes(2);\n"
                                  "new TreeSet<>(pool.map(x -> ProcessHandle.current().pid(), List.of(1, 2, 3, 4, 5, 6), 1))")
    assert error is None, error
    pids = [int(p) for p in re.findall(r"\d+", value)]
    assert len(pids) == 2, value
    return pids


def alive(pid):
    """Running, not a zombie waiting to be reaped."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            text = stat.read()
    except FileNotFoundError:
        return False
    return text[text.rindex(")") + 2] != "Z"


def wait_until_gone(pids, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and any(alive(p) for p in pids):
        time.sleep(0.1)
    return [p for p in pids if alive(p)]


def test_workers_end_when_the_kernel_restarts(kernel):
    manager, client = kernel
    pids = worker_pids(client)
    assert all(alive(p) for p in pids)
    manager.restart_kernel(now=True)  # what "Restart Kernel" does
    assert wait_until_gone(pids) == [], "worker processes outlived a kernel restart"


def test_workers_end_when_the_kernel_is_killed(kernel):
    manager, client = kernel
    pids = worker_pids(client)
    os.kill(manager.provisioner.process.pid, signal.SIGKILL)  # no shutdown hook runs
    assert wait_until_gone(pids) == [], "worker processes outlived their killed kernel"


def started(folder, count, seconds=120):
    """Waits until `count` tasks have written their marker file in `folder`: then they run, not being
    compiled or queued (a fixed sleep guessed wrong on a busy machine: the interrupt came before the
    cell's code ran, which test_stop_pressed_while_the_cell_compiles_stops_it_too covers)."""
    deadline = time.monotonic() + seconds
    while len(list(folder.iterdir())) < count:
        assert time.monotonic() < deadline, f"{len(list(folder.iterdir()))} of {count} tasks started in {seconds} s"
        time.sleep(0.1)


def sleeping_tasks(folder):
    """A lambda for the kernel: it marks its start in `folder`, then sleeps 10 minutes."""
    return (f'x -> {{ java.nio.file.Files.createFile(java.nio.file.Path.of("{folder}", "task-" + x)); '
            'Thread.sleep(600_000); return x; }')


def stop(manager, client, msg_id):
    """Presses Stop (the interrupt) and waits up to 2 minutes for the cell's reply, which must be an error:
    the tasks these tests interrupt sleep 10 minutes, so a lost interrupt fails here."""
    manager.interrupt_kernel()
    reply = client.get_shell_msg(timeout=120)
    while reply["parent_header"].get("msg_id") != msg_id:
        reply = client.get_shell_msg(timeout=120)
    assert reply["content"]["status"] == "error"


def test_interrupting_a_map_stops_it_and_the_pool_stays_usable(kernel, tmp_path):
    """How soon is measured where nothing else runs (test_interrupts, test_live); here, beside other
    tests, only that it stops: the tasks sleep 10 minutes, the reply is awaited 2."""
    manager, client = kernel
    pids = worker_pids(client)
    msg_id = client.execute(f"pool.map({sleeping_tasks(tmp_path)}, List.of(1, 2, 3, 4), 1)")
    started(tmp_path, 2)  # one task in each worker
    stop(manager, client, msg_id)
    # the same workers, free again: were their tasks still sleeping, this would wait 10 minutes
    _, value, error = run(client, "new TreeSet<>(pool.map(x -> ProcessHandle.current().pid(), List.of(1, 2, 3, 4, 5, 6), 1))", 120)
    assert error is None, error
    assert set(int(p) for p in re.findall(r"\d+", value)) <= set(pids)
    _, _, error = run(client, "pool.close();")
    assert error is None, error
    assert wait_until_gone(pids) == [], "close left worker processes behind"


def test_stop_pressed_while_the_cell_compiles_stops_it_too(kernel):
    """The interrupt sent as soon as the kernel has taken the cell (its execute_input), while it still
    compiles it (JJava alone would drop the interrupt, and the tasks would sleep their 10 minutes): the
    cell ends with an error, and the kernel takes the next cell, which the interrupt does not reach."""
    manager, client = kernel
    worker_pids(client)
    msg_id = client.execute("pool.map(x -> { Thread.sleep(600_000); return x; }, List.of(1, 2, 3, 4), 1)")
    while not ((msg := client.get_iopub_msg(timeout=120))["parent_header"].get("msg_id") == msg_id
               and msg["msg_type"] == "execute_input"):
        pass
    stop(manager, client, msg_id)
    _, value, error = run(client, "Thread.sleep(500); pool.map(x -> x + 1, List.of(1, 2), 1)", 120)
    assert (value, error) == ("[2, 3]", None)
    _, _, error = run(client, "pool.close();")
    assert error is None, error
