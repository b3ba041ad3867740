"""The /imagine command as written in a question, read back from it."""

import subprocess
import sys
from pathlib import Path

from app.core.images.imagine import imagine_prompt, imagine_text


def test_written_and_read_back():
    assert imagine_text("  a red kite  ") == "/imagine a red kite"
    assert imagine_prompt(imagine_text("a red kite")) == "a red kite"


def test_only_the_command_itself_counts():
    assert imagine_prompt("/IMAGINE a fox") == "a fox"
    assert imagine_prompt("/imagined a fox") is None  # another word
    assert imagine_prompt("/imagine   ") is None      # nothing asked
    assert imagine_prompt("please /imagine a fox") is None


def test_imports_nothing_of_the_app():
    """The composer reads the command before the window's first paint: no gateway, no
    history comes with it."""
    code = ("import sys, app.core.images.imagine;"
            "print(sorted(m for m in sys.modules if m.startswith('app.')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=Path(__file__).resolve().parents[3]).stdout
    assert out.strip() == "['app.core', 'app.core.images', 'app.core.images.imagine']"
