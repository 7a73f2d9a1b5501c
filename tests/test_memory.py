"""The cyclic garbage collector held off around a block."""

from __future__ import annotations

import gc

import pytest

from beslan_kg.memory import no_cycle_collection


def test_the_collector_is_off_in_the_block_and_back_as_it_was_after():
    assert gc.isenabled()
    with no_cycle_collection():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(RuntimeError), no_cycle_collection():
        raise RuntimeError("the build stopped")
    assert gc.isenabled()
    gc.disable()  # a program that runs without it keeps it off
    try:
        with no_cycle_collection():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_what_a_frozen_block_made_is_not_walked_again():
    made = None
    try:
        with no_cycle_collection(freeze=True):
            made = [[] for _ in range(1000)]
        assert gc.get_freeze_count() >= len(made)
        assert all(each is not made[0] for each in gc.get_objects(generation=2))
    finally:
        gc.unfreeze()
