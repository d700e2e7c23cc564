"""The repository's .streamlit/config.toml is what Streamlit reads when started from the root:
local address only, no error details, no developer toolbar, no usage statistics."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_streamlit_reads_the_deployment_defaults(tmp_path):
    shown = subprocess.run(
        [Path(sys.executable).parent / "streamlit", "config", "show"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={"HOME": str(tmp_path), "PATH": str(Path(sys.executable).parent)},
    ).stdout
    values = dict(re.findall(r"^(\w+) = (.+)$", shown, flags=re.MULTILINE))
    assert values["showErrorDetails"] == '"none"'
    assert values["toolbarMode"] == '"minimal"'
    assert values["address"] == '"127.0.0.1"'
    assert values["gatherUsageStats"] == "false"


def test_dev_up_binds_where_madoguchi_address_says():
    script = (ROOT / "dev").read_text()
    assert 'address="${MADOGUCHI_ADDRESS:-127.0.0.1}"' in script
    assert '--server.address "$address"' in script
