"""Binder's files agree with kernel-setup, and postBuild's steps set up a working environment."""
import os
import pathlib
import shutil
import subprocess
import sys

import yaml

from conftest import KERNEL, ROOT


def requirements():
    lines = (ROOT / "kernel-setup" / "requirements.txt").read_text().splitlines()
    return sorted(l.strip() for l in lines if l.strip() and not l.startswith("#"))


def environment():
    return yaml.safe_load((ROOT / "environment.yml").read_text())


def test_environment_pins_the_same_pip_packages():
    deps = environment()["dependencies"]
    pip = next(d["pip"] for d in deps if isinstance(d, dict) and "pip" in d)
    assert sorted(pip) == requirements()


def test_environment_has_java_21_maven_and_python():
    """Java 21+ on Binder: notebook 06 runs virtual threads there."""
    env = environment()
    assert env["channels"] == ["conda-forge"]
    conda = {d.split("=")[0]: d.split("=")[1] if "=" in d else None for d in env["dependencies"] if isinstance(d, str)}
    assert int(conda["openjdk"].split(".")[0]) >= 21
    assert conda["maven"].startswith("3.")
    assert tuple(map(int, conda["python"].split("."))) >= (3, 10)
    assert "pip" in conda


def test_post_build_is_executable_and_runs_kernel_setup():
    post_build = ROOT / "postBuild"
    assert os.access(post_build, os.X_OK)
    assert "KERNEL_SETUP_PREFIX=" in post_build.read_text() and "kernel-setup/setup" in post_build.read_text()


def test_post_build_sets_up_a_fresh_environment(tmp_path):
    """Replays postBuild in a fresh venv standing in for Binder's conda environment (conda is not
    reachable here), in a copy of the repository as Binder clones it (nothing built, no .venv; and
    the JUnit suites, which kernel-setup/test runs meanwhile, keep target/ to themselves): the kernel
    lands in that environment and runs the library."""
    checkout = tmp_path / "repo"
    shutil.copytree(ROOT, checkout, ignore=shutil.ignore_patterns(
        ".git", ".venv", "target", "test-artifacts", "site", "__pycache__", ".pytest_cache", ".ipynb_checkpoints"))
    env_dir = tmp_path / "binder-env"
    subprocess.run([sys.executable, "-m", "venv", str(env_dir)], check=True)
    env = {**os.environ, "PATH": f"{env_dir / 'bin'}{os.pathsep}{os.environ['PATH']}"}
    env.pop("VIRTUAL_ENV", None)
    # Binder's JDK is conda's openjdk 21: older than the newest JDK here, which the kernel of .venv runs
    # on, and too old for the kernels' AOT cache. The replay takes the java on PATH (JDK 17 on the test
    # machines), as close to Binder's as this machine has.
    env["JAVA_HOME"] = str(pathlib.Path(shutil.which("java")).resolve().parent.parent)
    subprocess.run([str(checkout / "postBuild")], cwd=checkout, env=env, check=True, timeout=900)
    spec = env_dir / "share" / "jupyter" / "kernels" / KERNEL / "kernel.json"
    assert spec.exists()
    code = ("from nbclient import NotebookClient; import nbformat\n"
            "nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell('Pool.threads(1).map(x -> x + 1, List.of(1, 2))')])\n"
            f"NotebookClient(nb, kernel_name={KERNEL!r}, timeout=120).execute()\n"
            "print(nb.cells[0].outputs[0]['data']['text/plain'])\n")
    out = subprocess.run([str(env_dir / "bin" / "python"), "-c", code], env={**env, "JUPYTER_PATH": ""},
                         capture_output=True, text=True, timeout=300, check=True).stdout
    assert out.strip().endswith("[2, 3]")
