"""What each notebook must show: a check per notebook, on the outputs of a fresh run (never timings)."""
from checks.nb01 import check_01
from checks.nb04 import check_04

CHECKS = {
    "01-process-vs-thread.ipynb": check_01,
    "04-pool-map-starmap.ipynb": check_04,
}
