"""The benchmarks that report the goals of the build still run against the library.

They time nothing here: each is run on the smallest corpus, and what is checked
is that every stage it reports was run and every goal's line was printed.
"""

from __future__ import annotations


def test_bench_build_runs_every_stage_and_prints_the_goals(capsys):
    import bench_build

    assert bench_build.main(["--articles", "3", "--skip-cold"]) == 0
    out = capsys.readouterr().out
    stages = [line.split("|")[1].strip() for line in out.splitlines() if line.startswith("| ") and "---" not in line]
    assert stages[1:] == ["bare nlp.pipe", "map step", "resolve", "conform", "rdf", "serialisation", "shapes check",
                          "view", "whole build", "workers=2", "incremental add-one", "command, 1 worker", "command, 2 workers"]
    for goal in ("whole build / bare nlp.pipe:", "one worker / two workers:", "incremental add-one / whole build:"):
        assert goal in out
