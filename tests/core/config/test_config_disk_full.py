"""config.json on a disk that is full or read-only: one line and exit 3, the old file intact
(it was a traceback)."""

import errno
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import main
from app.core.config.file import ConfigFile
from app.core.errors import ConfigError

ROOT = Path(__file__).resolve().parents[3]


def test_a_failed_write_is_a_configuration_error_and_keeps_the_old_file(monkeypatch):
    config = ConfigFile()
    config.write({"active_profile": "eduhk-azure"})

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(json, "dump", full)
    with pytest.raises(ConfigError, match="No space left") as caught:
        config.write({"active_profile": "eduhk-apim"})
    assert "free some disk space" in caught.value.hint
    monkeypatch.undo()
    assert config.read()["active_profile"] == "eduhk-azure"
    assert [p.name for p in config.path.parent.iterdir()] == ["config.json"]  # no temp left


def test_cli_on_a_full_disk_is_one_line_exit_3(monkeypatch, capsys):
    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(json, "dump", full)
    assert main(["profiles", "use", "eduhk-azure"]) == 3
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "No space left" in err


@pytest.mark.skipif(os.geteuid() != 0 or not shutil.which("mount"), reason="needs root to mount")
def test_a_real_full_tmpfs(tmp_path):
    small = tmp_path / "small"
    small.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(small)],
                      capture_output=True).returncode != 0:
        pytest.skip("this machine does not allow mounting a tmpfs")
    try:
        env = {**os.environ, "PARLEY_HOME": str(small / "home")}
        run = [sys.executable, "-m", "app", "profiles", "use"]
        assert subprocess.run([*run, "eduhk-azure"], cwd=ROOT, env=env).returncode == 0
        with open(small / "filler", "wb", buffering=0) as filler:  # fill the rest
            try:
                while True:
                    filler.write(b"\0" * 4096)
            except OSError:
                pass
        result = subprocess.run([*run, "eduhk-apim"], cwd=ROOT, env=env, capture_output=True,
                                text=True)
        assert result.returncode == 3 and "Traceback" not in result.stderr
        assert "No space left" in result.stderr and result.stderr.count("\n") == 1
        stored = json.loads((small / "home" / "config.json").read_text())
        assert stored["active_profile"] == "eduhk-azure"
    finally:
        subprocess.run(["umount", str(small)], check=False)
