"""``python -m beslan_kg`` works like the ``beslan-kg`` command."""

from beslan_kg.cli import main

main()
