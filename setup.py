"""Package discovery (everything else is in pyproject.toml).

The top-level ``resources/`` folder (fonts, styles, report assets) is shipped inside the
package as ``iiss_desktop.resources``, where ``iiss_desktop.paths`` looks for it.
"""
from setuptools import find_packages, setup

setup(
    packages=find_packages(include=["iiss_desktop", "iiss_desktop.*"]) + ["iiss_desktop.resources"],
    package_dir={"iiss_desktop.resources": "resources"},
)
