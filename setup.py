"""Packages for the wheel; everything else is in pyproject.toml.

Only here because pyproject.toml cannot say "every package found under src/ plus the two
folders mapped in [tool.setuptools] package-dir": packages.find does not see mapped
folders, and a hand-written list goes stale whenever a subpackage is added. Without the
two _data packages a wheel has no fonts, samples or migrations.
"""

from setuptools import find_packages, setup

setup(packages=[*find_packages("src"), "planDesk._data.resources", "planDesk._data.db"])
