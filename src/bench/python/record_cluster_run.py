"""Records notebook 07's cluster run for machines that cannot start the cluster: runs the notebook with
a live cluster (the Spark kernel of .venv) and writes what the cells of sections 3 to 9 printed, and the
tasks of its two timelines, in the format org.learnparallel.cluster.RecordedRun reads.

Usage (from the repository's root, after kernel-setup/setup):
  .venv/bin/python src/bench/python/record_cluster_run.py notebooks/data/spark-cluster-CPU.txt "MACHINE"
  e.g. ... notebooks/data/spark-cluster-2core-intel-xeon.txt "2-core Intel Xeon VM (KVM), Debian 12; the JVMs see 2 processors"
The notebook's cluster cell reads the file before it starts the cluster: to record under a new name,
change that cell's file name first (an empty file will do meanwhile).
"""
import datetime
import re
import sys

import nbformat
from nbclient import NotebookClient

NOTEBOOK = "notebooks/07-beyond-one-machine.ipynb"
# the cells whose output the recorded run replays, in notebook order; "X timeline" are X's tasks
SECTIONS = ["cluster", "jvms", "cluster-square", "cluster-add", "partitions", "timeline timeline", "closure-local",
            "closure-variable", "wordcount", "executor-kill", "kill-timeline timeline", "overhead", "close"]
SPANS = ('tasks.timeline().spans().forEach(s -> '
         'System.out.printf("%s,%s,%.3f,%.3f%n", s.label(), s.worker(), s.start(), s.end()));')


def main(out, machine):
    nb = nbformat.read(NOTEBOOK, 4)
    cells = []
    for cell in nb.cells:  # after each timeline, a cell that prints its tasks
        cells.append(cell)
        tags = cell.metadata.get("tags", [])
        if cell.cell_type == "code" and tags and tags[0] in ("timeline", "kill-timeline"):
            cells.append(nbformat.v4.new_code_cell(SPANS, metadata={"tags": [tags[0] + " timeline"]}))
    nb.cells = cells
    NotebookClient(nb, kernel_name="java-parallel-spark", timeout=300, coalesce_streams=True,
                   resources={"metadata": {"path": "notebooks"}}).execute()
    printed = {c.metadata["tags"][0]: "".join(o.text for o in c.outputs if o.output_type == "stream" and o.name == "stdout")
               for c in nb.cells if c.cell_type == "code" and c.metadata.get("tags")}
    if not printed["cluster"].startswith("Master and 2 Workers started"):
        sys.exit("the cluster did not start here: nothing to record\n" + printed["cluster"])
    lines = [f"# machine: {machine}",
             f"# recorded: {datetime.date.today()} with notebook 07-beyond-one-machine (sections 3 to 9),"
             f" Apache Spark {spark_version()}, Java {nb.metadata.language_info.version}",
             "# conditions: other programs shared the machine, so the times are longer than on a quiet one"]
    for section in SECTIONS:
        lines.append(f"## {section}")
        if section.endswith(" timeline"):
            lines.append("label,worker,start_s,end_s")
        lines.append(printed[section].rstrip("\n"))
    with open(out, "w") as f:
        f.write("\n".join(lines) + "\n")


def spark_version():
    return re.search(r"<spark\.version>(.+?)</spark\.version>", open("pom.xml").read()).group(1)


if __name__ == "__main__":
    main(*sys.argv[1:3])
