"""What each notebook must show: a check per notebook, on the outputs of a fresh run (never timings)."""
from checks.nb00 import check_00
from checks.nb01 import check_01
from checks.nb02 import check_02
from checks.nb03 import check_03
from checks.nb04 import check_04
from checks.nb05 import check_05
from checks.nb06 import check_06
from checks.nb07 import check_07, check_07_recorded

CHECKS = {
    "00-start-here.ipynb": check_00,
    "01-process-vs-thread.ipynb": check_01,
    "02-cpu-vs-core.ipynb": check_02,
    "03-serial-vs-parallel.ipynb": check_03,
    "04-pool-map-starmap.ipynb": check_04,
    "05-pool-tour.ipynb": check_05,
    "06-the-java-you-will-write.ipynb": check_06,
    "07-beyond-one-machine.ipynb": check_07,
}

# Where the run as on a Binder container (one CPU, too little memory for a cluster) must show other things
ON_BINDER = {
    "07-beyond-one-machine.ipynb": check_07_recorded,
}
