"""Shared fixtures. Every test runs with its own PARLEY_HOME, an in-memory keyring and no
PARLEY_* variables from the developer's shell: the real keyring, config and history are
never touched."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import keyring
import keyring.backend
import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _use_this_checkouts_resources() -> None:
    """``app.resources`` is the top-level ``resources/`` folder, mapped by the installed
    package; an editable install made from another checkout (a sibling git worktree) would
    serve that checkout's icons and translations. Tests use this checkout's."""
    import importlib.util

    import app

    folder = ROOT / "resources"
    spec = importlib.util.spec_from_file_location(
        "app.resources", folder / "__init__.py", submodule_search_locations=[str(folder)])
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["app.resources"] = module
    spec.loader.exec_module(module)
    app.resources = module  # type: ignore[attr-defined]


_use_this_checkouts_resources()

from tests.gateway import FakeGateway  # noqa: E402

TEST_KEY = "test-key-0123456789abcdef"
RUN_BENCH_ENV = "PARLEY_RUN_BENCH"


def pytest_addoption(parser):
    parser.addoption("--run-bench", action="store_true",
                     help=f"also run the tests marked bench (slow; or set {RUN_BENCH_ENV}=1)")


def pytest_collection_modifyitems(config, items):
    if config.getoption("--run-bench") or os.environ.get(RUN_BENCH_ENV) == "1":
        return
    skip = pytest.mark.skip(reason=f"slow benchmark: pytest --run-bench or {RUN_BENCH_ENV}=1")
    for item in items:
        if item.get_closest_marker("bench"):
            item.add_marker(skip)


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A secure-looking keyring that lives in a dict."""

    priority = 10

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.store.get((service, username))

    def set_password(self, service, username, password):
        self.store[(service, username)] = password

    def delete_password(self, service, username):
        if self.store.pop((service, username), None) is None:
            raise keyring.errors.PasswordDeleteError("not found")


@pytest.fixture(scope="session", autouse=True)
def gui_thread_gc(qapp):
    """As in the app: garbage is collected on the GUI thread only, never by a worker thread
    (which would destroy Qt objects off-thread and crash at random; see app/ui/runtime/gc_guard)."""
    from app.ui.runtime.gc_guard import install
    guard = install()
    yield guard
    guard.stop()


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    for name in list(os.environ):
        if name.startswith("PARLEY_"):
            monkeypatch.delenv(name)
    home = tmp_path / "parley-home"
    monkeypatch.setenv("PARLEY_HOME", str(home))
    previous = keyring.get_keyring()
    memory = MemoryKeyring()
    keyring.set_keyring(memory)
    from app.core.config import file as config_file

    monkeypatch.setattr(config_file, "_set_aside", [])  # per process in the app: per test here
    yield memory
    keyring.set_keyring(previous)


@pytest.fixture
def memory_keyring(isolated):
    return isolated


@pytest.fixture
def gateway():
    with FakeGateway(key=TEST_KEY) as gw:
        yield gw


@pytest.fixture
def other_host():
    """A second gateway on another loopback address: a different origin for redirects."""
    with FakeGateway(key="other-host-key-000000", host="127.0.0.2") as gw:
        yield gw


def style_env(gw: FakeGateway, style: str, key: str = TEST_KEY) -> dict[str, str]:
    """The environment a script would set to point Parley at the fake gateway."""
    base = gw.url + ("/v1" if style == "openai" else "")
    return {"PARLEY_BASE_URL": base, "PARLEY_API_STYLE": style, "PARLEY_API_KEY": key}


def profile_for(gw: FakeGateway, style: str, **changes):
    """A profile of ``style`` pointing at the fake gateway."""
    from dataclasses import replace

    from app.core.config.profiles import apply_env, preset_for_style

    env = style_env(gw, style)
    profile = apply_env(preset_for_style(style), env)
    return replace(profile, **changes) if changes else profile


class SleepLog(list):
    """Stands in for asyncio.sleep in retry tests: records the waits, waits for nothing."""

    async def __call__(self, seconds: float) -> None:
        self.append(seconds)


@pytest.fixture
def sleeps():
    return SleepLog()
