"""The package as pip installs it: a wheel built from this checkout holds the code and every data file the
renderers read (templates, labels), so that `sop` works outside a source checkout too."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile

from conftest import REPO


def test_wheel_holds_the_templates_and_data(tmp_path):
    # from a copy without the editable install's egg-info, whose file list would stand in for package-data
    source = tmp_path / "source"
    shutil.copytree(REPO / "tools", source / "tools", ignore=shutil.ignore_patterns("*.egg-info", "__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, source / name)
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet",
                           "--wheel-dir", str(tmp_path), str(source)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    wheel = next(tmp_path.glob("sopkit-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    data = {p.relative_to(REPO / "tools").as_posix() for p in (REPO / "tools" / "sopkit").rglob("*")
            if p.is_file() and p.suffix in (".j2", ".yml", ".yaml", ".json", ".typed", ".html", ".css", ".js")}
    assert data and "sopkit/templates/redline.html.j2" in data
    assert data <= names, f"not in the wheel: {sorted(data - names)}"
