"""Hatch build hook: the view's and the query page's JavaScript go into wheels, never into editable installs.

pyproject.toml lists the files (``[tool.hatch.build.targets.wheel.hooks.custom.vendor]``,
source in node_modules/ -> place in the wheel). A checkout installed in editable
mode reads them from node_modules/ in place (``beslan_kg.paths.assets_dir``), so
``uv run`` works before ``npm ci`` has run; only ``beslan-kg view`` then asks for it.
"""

from __future__ import annotations

from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class VendorAssetsHook(BuildHookInterface):
    """Force-include the vendored JavaScript and its licences in a standard wheel."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict) -> None:
        if version == "editable":
            return
        root = Path(self.root)
        vendor = dict(self.config.get("vendor", {}))
        missing = sorted(source for source in vendor if not (root / source).is_file())
        if missing:
            raise FileNotFoundError(f"{missing[0]} is missing (and {len(missing) - 1} more): run `npm ci` before building a wheel")
        build_data["force_include"].update({str(root / source): target for source, target in vendor.items()})
