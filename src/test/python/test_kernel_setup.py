"""kernel-setup fails early, with one clear line, when a prerequisite is missing or too old; what it
wrote for the kernels works."""
import json
import os
import pathlib
import shutil
import subprocess
import sys

import pytest

from conftest import KERNEL, ROOT, SPARK_KERNEL

SETUP = ROOT / "kernel-setup" / "setup"


def tool_dir(tmp_path, **scripts):
    """A PATH with the basic tools, the given fake programs, and nothing else."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ("bash", "dirname", "sed", "cat", "sha256sum", "cut", "find", "sort", "xargs", "mkdir", "rm", "cp", "readlink"):
        os.symlink(shutil.which(tool), bin_dir / tool)
    for name, body in scripts.items():
        path = bin_dir / name
        path.write_text("#!/bin/bash\n" + body + "\n")
        path.chmod(0o755)
    return bin_dir


def run_setup(bin_dirs, **env):
    """Runs setup with only these directories on PATH; JDK_PLACES empty (no JDK installed elsewhere)
    unless given."""
    environment = {"PATH": os.pathsep.join(str(d) for d in bin_dirs), "HOME": os.environ["HOME"],
                   "JDK_PLACES": "", **env}
    return subprocess.run(["bash", str(SETUP)], env=environment, capture_output=True, text=True, timeout=120)


FAKE_JAVA_11 = 'echo "    java.specification.version = 11" >&2; echo \'openjdk version "11.0.2"\' >&2'
REAL = pathlib.Path(sys.executable).parent  # the venv's python, for the checks that need one


def test_no_java(tmp_path):
    result = run_setup([tool_dir(tmp_path)])
    assert result.returncode == 1
    assert "Java not found: install a JDK 17 or newer" in result.stderr


def test_old_java(tmp_path):
    result = run_setup([tool_dir(tmp_path, java=FAKE_JAVA_11)])
    assert result.returncode == 1
    assert "Java 17+ needed, found 11" in result.stderr


def test_java_home_is_honoured(tmp_path):
    home = tmp_path / "jdk11"
    (home / "bin").mkdir(parents=True)
    java = home / "bin" / "java"
    java.write_text("#!/bin/bash\n" + FAKE_JAVA_11 + "\n")
    java.chmod(0o755)
    result = run_setup([tool_dir(tmp_path), pathlib.Path(shutil.which("java")).parent], JAVA_HOME=str(home))
    assert result.returncode == 1
    assert f"Java 17+ needed, found 11 ({java})" in result.stderr


def fake_jdk(place, version, log, javac=True):
    """A JDK home whose java says it is `version` and notes in `log` that it ran."""
    home = place / f"jdk-{version}"
    (home / "bin").mkdir(parents=True)
    (home / "release").write_text(f'JAVA_VERSION="{version}.0.1"\n')
    tools = {"java": f'echo "$0" >> {log}; echo "    java.specification.version = {version}" >&2'}
    if javac:
        tools["javac"] = "exit 0"
    for name, body in tools.items():
        (home / "bin" / name).write_text("#!/bin/bash\n" + body + "\n")
        (home / "bin" / name).chmod(0o755)
    return home


def test_newest_jdk_with_javac_is_chosen(tmp_path):
    """Without JAVA_HOME: the newest JDK 17+ of the install places, not the java on PATH (17 here),
    and not a newer runtime that has no javac. Setup then stops at the missing Maven; the log tells
    which java it ran."""
    log, place = tmp_path / "ran.log", tmp_path / "jvm"
    for version in ("21", "25"):
        fake_jdk(place, version, log)
    fake_jdk(place, "26", log, javac=False)
    result = run_setup([tool_dir(tmp_path), java_bin()], JDK_PLACES=f"{place}/* /nonexistent/*")
    assert "Maven not found" in result.stderr, result.stderr
    assert log.read_text().splitlines() == [str(place / "jdk-25" / "bin" / "java")]


def test_java_home_wins_over_a_newer_jdk(tmp_path):
    log, place = tmp_path / "ran.log", tmp_path / "jvm"
    fake_jdk(place, "25", log)
    home = fake_jdk(tmp_path / "chosen", "21", log)
    result = run_setup([tool_dir(tmp_path)], JDK_PLACES=f"{place}/*", JAVA_HOME=str(home))
    assert "Maven not found" in result.stderr, result.stderr
    assert log.read_text().splitlines() == [str(home / "bin" / "java")]


def test_no_javac_beside_java(tmp_path):
    home = fake_jdk(tmp_path, "21", tmp_path / "ran.log", javac=False)
    result = run_setup([tool_dir(tmp_path)], JAVA_HOME=str(home))
    assert result.returncode == 1
    assert f"javac not found beside {home / 'bin' / 'java'}: a full JDK 17+ is needed" in result.stderr


def java_bin():
    return pathlib.Path(os.path.realpath(shutil.which("java"))).parent


def test_no_maven(tmp_path):
    result = run_setup([tool_dir(tmp_path), java_bin()])
    assert result.returncode == 1
    assert "Maven not found" in result.stderr


def test_no_python(tmp_path):
    result = run_setup([tool_dir(tmp_path, mvn="exit 0"), java_bin()])
    assert result.returncode == 1
    assert "Python not found: install Python 3.10 or newer" in result.stderr


def test_old_python(tmp_path):
    fake = 'if [ "$1" = -V ]; then echo "Python 3.8.10"; exit 0; fi; exit 1'
    bins = tool_dir(tmp_path, mvn="exit 0", python3=fake)
    result = run_setup([bins, java_bin()])
    assert result.returncode == 1
    assert "Python 3.10+ needed (JupyterLab 4.6 requires it), found Python 3.8.10" in result.stderr


def test_no_pypi(tmp_path):
    """A fresh checkout with PyPI out of reach: pip fails, and the message says what to check."""
    checkout = tmp_path / "repo"
    shutil.copytree(ROOT / "kernel-setup", checkout / "kernel-setup")
    real_path = os.environ["PATH"]
    result = subprocess.run(
        ["bash", str(checkout / "kernel-setup" / "setup")],
        env={"PATH": real_path, "HOME": os.environ["HOME"], "PIP_INDEX_URL": "http://127.0.0.1:9/simple",
             "PIP_NO_CACHE_DIR": "1", "PIP_RETRIES": "0"},
        capture_output=True, text=True, timeout=300)
    assert result.returncode == 1
    assert "pip could not install kernel-setup/requirements.txt: check your connection to PyPI" in result.stderr


@pytest.mark.parametrize("kernel", [KERNEL, SPARK_KERNEL])
def test_each_kernel_starts_from_its_aot_cache(kernel, tmp_path):
    """On Java 25+ the kernel's JVM takes its classes, the course kernel's own among them, from the AOT
    cache that setup trained for it (a missing or unusable cache would be ignored quietly: the kernel
    would only start slower). The kernel's command line as JupyterLab runs it, the JVM logging where each
    class comes from; with no connection file the kernel stops right after its main class loaded."""
    kernel_dir = ROOT / ".venv" / "share" / "jupyter" / "kernels" / kernel
    argv = [a.replace("{resource_dir}", str(kernel_dir)).replace("{connection_file}", str(tmp_path / "none.json"))
            for a in json.loads((kernel_dir / "kernel.json").read_text())["argv"]]
    version = subprocess.run([argv[0], "-XshowSettings:properties", "-version"], capture_output=True, text=True).stderr
    if int(version.split("java.specification.version = ")[1].split()[0]) < 25:
        assert not any(a.startswith("-XX:AOTCache") for a in argv)
        pytest.skip("the kernel's JDK is older than 25: no AOT cache")

    def source_of_main_class(command):
        out = subprocess.run([command[0], "-Xlog:class+load=info", *command[1:]], capture_output=True, text=True, timeout=60).stdout
        return out.split("org.learnparallel.kernel.CourseKernelMain source: ")[1].split("\n")[0]

    assert source_of_main_class(argv) == "shared objects file"
    # the check tells the two apart: without the cache the class comes from its jar
    assert source_of_main_class([a for a in argv if not a.startswith("-XX:AOTCache")]).endswith("course-kernel.jar")
