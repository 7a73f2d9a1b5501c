"""Atomic writes: a reader sees the old file or the new one, never a mix."""

from __future__ import annotations

import pytest

from beslan_kg.errors import OutputError
from beslan_kg.files import write_atomic


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
