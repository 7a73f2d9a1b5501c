"""Writing outputs: one file atomically, a set of files all or nothing, with the umask's modes."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from beslan_kg.errors import OutputError
from beslan_kg.files import STATE_DIR, current_set, write_atomic, write_output_set

OLD = {"graph.ttl": b"old turtle", "graph.trig": b"old trig", "graph.html": b"old view"}
NEW = {"graph.ttl": b"new turtle", "graph.trig": b"new trig", "build-report.json": b"new report"}


def test_write_replaces_and_leaves_no_temporary_file(tmp_path):
    target = tmp_path / "out" / "graph.ttl"
    write_atomic(target, "first")
    write_atomic(target, b"second")
    assert target.read_text() == "second"
    assert [p.name for p in target.parent.iterdir()] == ["graph.ttl"]


def test_failed_write_keeps_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "graph.ttl"
    target.write_text("good")

    def explode(*_args):
        raise OSError("disk full")

    monkeypatch.setattr("os.replace", explode)
    with pytest.raises(OutputError, match="disk full"):
        write_atomic(target, "half")
    assert target.read_text() == "good"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.ttl"]


def test_a_folder_is_no_file_to_write(tmp_path):
    with pytest.raises(OutputError, match=f"{tmp_path}: is a folder"):
        write_atomic(tmp_path, "x")


def test_files_get_the_mode_of_the_umask(tmp_path):
    previous = os.umask(0o022)
    try:
        write_atomic(tmp_path / "one.html", "x")
        write_output_set(tmp_path / "out", NEW)
    finally:
        os.umask(previous)
    assert oct((tmp_path / "one.html").stat().st_mode & 0o777) == oct(0o644)
    assert {oct((tmp_path / "out" / name).stat().st_mode & 0o777) for name in NEW} == {oct(0o644)}
    assert oct(current_set(tmp_path / "out").stat().st_mode & 0o777) == oct(0o755)


def contents(out, names) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in names if (out / name).exists()}


def test_a_set_replaces_the_previous_one_and_leaves_other_files_alone(tmp_path):
    out = tmp_path / "out"
    write_output_set(out, OLD)
    (out / "ontology.html").write_text("docs")
    assert write_output_set(out, NEW) == tuple(out / name for name in NEW)
    assert contents(out, {*OLD, *NEW}) == NEW
    assert (out / "ontology.html").read_text() == "docs"
    # One set is kept, the current one.
    assert sorted(p.name for p in (out / STATE_DIR).iterdir()) == sorted(["current", "lock", current_set(out).name])


def test_outputs_of_an_older_layout_are_replaced_as_a_set(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    for name, data in OLD.items():
        (out / name).write_bytes(data)
    write_output_set(out, NEW, names={*OLD, *NEW})
    assert contents(out, {*OLD, *NEW}) == NEW


@pytest.mark.parametrize("problem, make", [
    ("is a file, not a folder", lambda p: p.write_text("x")),
    ("cannot be written", lambda p: (p.mkdir(), (p / STATE_DIR).write_text("x"))),
])
def test_an_unusable_output_folder_is_one_error(tmp_path, problem, make):
    out = tmp_path / "out"
    make(out)
    with pytest.raises(OutputError, match=problem):
        write_output_set(out, NEW)


def test_a_read_only_folder_is_one_error(tmp_path, monkeypatch):
    def refuse(path, *args, **kwargs):
        raise OSError(30, "Read-only file system", str(path))

    monkeypatch.setattr(os, "mkdir", refuse)
    with pytest.raises(OutputError, match="Read-only file system .*choose another folder"):
        write_output_set(tmp_path / "out", NEW)


# A write phase killed after its n-th file-system call: os functions counted and SIGKILL at the n-th.
KILLER = """
import os, signal, sys
import beslan_kg.files as files
old, new = eval(sys.argv[3]), eval(sys.argv[4])
kill_at, calls = int(sys.argv[2]), [0]
def counted(real):
    def call(*args, **kwargs):
        calls[0] += 1
        if calls[0] == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(*args, **kwargs)
    return call
for name in ("open", "replace", "rename", "symlink", "link", "mkdir", "fsync", "unlink", "rmdir", "scandir", "listdir"):
    setattr(os, name, counted(getattr(os, name)))
files.write_output_set(sys.argv[1], new, names={*old, *new})
print(calls[0])
"""


def _write_killed(out, kill_at: int) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", KILLER, str(out), str(kill_at), repr(OLD), repr(NEW)],
                          capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("older_layout", [False, True])
def test_a_write_killed_at_any_moment_leaves_the_whole_old_set_or_the_whole_new_one(tmp_path, older_layout):
    def fresh(out):
        out.mkdir()
        (out / "ontology.html").write_text("docs")
        if older_layout:
            for name, data in OLD.items():
                (out / name).write_bytes(data)
        else:
            write_output_set(out, OLD)

    probe = tmp_path / "probe"
    fresh(probe)
    done = _write_killed(probe, 0)
    assert done.returncode == 0, done.stderr
    moments = int(done.stdout)
    assert moments > 10
    seen = set()
    for kill_at in range(1, moments + 1):
        out = tmp_path / f"out{kill_at}"
        fresh(out)
        killed = _write_killed(out, kill_at)
        assert killed.returncode == -9, killed.stderr
        state = contents(out, {*OLD, *NEW})
        assert state in (OLD, NEW), f"killed at call {kill_at}: {state}"
        assert (out / "ontology.html").read_text() == "docs"
        seen.add("new" if state == NEW else "old")
        # The next run finishes the job and removes what the killed one left.
        write_output_set(out, NEW, names={*OLD, *NEW})
        assert contents(out, {*OLD, *NEW}) == NEW
        assert sorted(p.name for p in (out / STATE_DIR).iterdir()) == sorted(["current", "lock", current_set(out).name])
    assert seen == {"old", "new"}
