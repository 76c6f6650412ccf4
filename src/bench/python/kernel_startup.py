"""Kernel start-up: time from starting a kernel to its first kernel_info reply and to the result of a
first cell (`1 + 1`), median of several starts, for kernelspecs in one or more Jupyter data folders.
The kernels start in turns (A, B, A, B...) so that a machine busy with other work slows both alike.

Usage: python kernel_startup.py [--starts N] NAME=KERNEL_DIR ...
  e.g. kernel_startup.py now=.venv/share/jupyter/kernels/java-parallel before=/elsewhere/.../java-parallel
"""
import argparse
import json
import os
import statistics
import sys
import tempfile
import time

from jupyter_client import KernelManager


def one_start(kernel_dir):
    """(seconds to kernel_info reply, seconds to the first cell's result) of one fresh kernel."""
    with tempfile.TemporaryDirectory() as data:
        # a Jupyter data folder holding just this kernelspec, so that the name resolves to it
        os.makedirs(f"{data}/kernels")
        os.symlink(os.path.abspath(kernel_dir), f"{data}/kernels/timed")
        os.environ["JUPYTER_PATH"] = data
        manager = KernelManager(kernel_name="timed")
        began = time.perf_counter()
        manager.start_kernel()
        client = manager.client()
        client.start_channels()
        try:
            client.wait_for_ready(timeout=120)  # sends kernel_info until a reply comes
            info = time.perf_counter() - began
            reply = client.execute_interactive("1 + 1", timeout=120, output_hook=lambda msg: None)
            assert reply["content"]["status"] == "ok", reply
            return info, time.perf_counter() - began
        finally:
            client.stop_channels()
            manager.shutdown_kernel(now=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--starts", type=int, default=7)
    parser.add_argument("kernels", nargs="+", metavar="NAME=KERNEL_DIR")
    args = parser.parse_args()
    kernels = dict(k.split("=", 1) for k in args.kernels)
    times = {name: [] for name in kernels}
    for _ in range(args.starts):
        for name, kernel_dir in kernels.items():
            times[name].append(one_start(kernel_dir))
    result = {}
    for name, runs in times.items():
        info, cell = zip(*runs)
        result[name] = {"kernel_info_s": statistics.median(info), "first_cell_s": statistics.median(cell),
                        "kernel_info_all": [round(t, 3) for t in info], "first_cell_all": [round(t, 3) for t in cell]}
    json.dump(result, sys.stdout, indent=1)
    print()
    first = next(iter(result))
    for name in list(result)[1:]:
        print(f"{name} ÷ {first}: kernel_info {result[name]['kernel_info_s'] / result[first]['kernel_info_s']:.3f}, "
              f"first cell {result[name]['first_cell_s'] / result[first]['first_cell_s']:.3f}")


if __name__ == "__main__":
    main()
