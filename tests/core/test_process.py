"""No core dumps: a core file would hold the API key."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

CHECK = """
import ctypes, resource, sys
import app.cli
code = app.cli.main(["profiles", "list"])
libc = ctypes.CDLL(None)
print(code, resource.getrlimit(resource.RLIMIT_CORE), libc.prctl(3, 0, 0, 0, 0))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="prctl is Linux's")
def test_every_parley_process_turns_core_dumps_off(tmp_path):
    out = subprocess.run([sys.executable, "-c", CHECK], cwd=ROOT, capture_output=True,
                         text=True, check=True, env={"PARLEY_HOME": str(tmp_path),
                                                     "PATH": "/usr/bin:/bin"}).stdout
    # exit code 0, core size limit (0, 0), PR_GET_DUMPABLE answers 0
    assert out.strip().splitlines()[-1] == "0 (0, 0) 0", out
