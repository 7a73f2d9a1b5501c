"""``python -m beslan_kg`` works like the ``beslan-kg`` command."""

from beslan_kg.cli import main

# Guarded: worker processes of `build --workers N` import the main module again.
if __name__ == "__main__":
    main()
