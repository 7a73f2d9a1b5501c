"""The wheel carries the data and the view's JavaScript; an editable install needs neither npm nor node_modules."""

from __future__ import annotations

import shutil
import zipfile

import pytest
from conftest import ROOT
from hatchling.builders.wheel import WheelBuilder

# What a build of the package reads from the checkout (node_modules/ apart).
SOURCES = ("pyproject.toml", "hatch_build.py", "README.md", "src", "ontology", "queries", "corpus")


def checkout(tmp_path, *, with_node_modules: bool):
    root = tmp_path / "checkout"
    root.mkdir()
    for name in SOURCES:
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, root / name)
    if with_node_modules:
        shutil.copytree(ROOT / "node_modules", root / "node_modules")
    return root


def build(root, version: str, out) -> zipfile.ZipFile:
    (path,) = WheelBuilder(str(root)).build(directory=str(out), versions=[version])
    return zipfile.ZipFile(path)


def test_a_wheel_carries_the_data_and_the_views_javascript_with_its_licences(tmp_path):
    from beslan_kg.query_page import YASGUI_FILES

    names = set(build(checkout(tmp_path, with_node_modules=True), "standard", tmp_path / "dist").namelist())
    assert {"beslan_kg/ontology/kb.yaml", "beslan_kg/queries/entities.rq", "beslan_kg/vendor/vis-network/peer/umd/vis-network.min.js",
            "beslan_kg/vendor/vis-network/LICENSE-MIT", "beslan_kg/vendor/vis-timeline/peer/umd/vis-timeline-graph2d.min.js"} <= names
    # serve's query page: YASGUI, and the package.json that names its licence.
    assert {f"beslan_kg/vendor/{package}/{name}" for package, name in YASGUI_FILES} <= names
    assert "beslan_kg/vendor/@zazuko/yasgui/package.json" in names


def test_an_editable_install_builds_without_node_modules(tmp_path):
    names = build(checkout(tmp_path, with_node_modules=False), "editable", tmp_path / "dist").namelist()
    assert not any(name.startswith("beslan_kg/vendor/") for name in names)


def test_a_wheel_without_node_modules_asks_for_npm_ci(tmp_path):
    with pytest.raises(FileNotFoundError, match="run `npm ci`"):
        build(checkout(tmp_path, with_node_modules=False), "standard", tmp_path / "dist")
