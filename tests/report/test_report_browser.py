"""The report in a real browser: headless Chromium logs nothing and runs no script.

Skipped where Chromium is absent (Debian: apt-get install chromium). Set
REVSIM_SCREENSHOTS=DIR to keep the screenshots the tests take.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="Chromium is not installed (apt-get install chromium); "
    "the report was not opened in a browser",
)
# Flags that keep a headless run quiet and quick: no network, no first-run
# work, no sandbox (CI runs as root), and its own throwaway profile.
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--hide-scrollbars",
    "--enable-logging=stderr",
    "--v=0",
)
# Every console message, error or not: the report runs no script, so any
# message at all (a blocked script, a policy violation) is a fault.
CONSOLE = re.compile(r":CONSOLE[^\]]*\] (.*)")
PAGES = {
    "summary": "index.html",
    "workflow": "definitions/hubspot-lead-nurture.html",
    "scenario": "scenarios/an-engaged-b-lead-b-becomes-an-mql.html",
}


@dataclass(frozen=True)
class Opened:
    output: str  # what Chromium printed: the DOM, for --dump-dom
    console: list[str]


@pytest.fixture(scope="module")
def opened(
    small_report: Path, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Opened]:
    """Each page's DOM and screenshot, from Chromium runs started side by side:
    each takes seconds to start, and they share nothing."""
    work = tmp_path_factory.mktemp("chromium")
    shots = _screenshots(work)
    started = {
        name: _start(
            small_report / page,
            work / name,
            ["--dump-dom", f"--screenshot={shots / f'report-{name}.png'}"],
        )
        for name, page in PAGES.items()
    }
    return {name: _finish(process) for name, process in started.items()}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_a_page_renders_without_a_console_message(
    opened: dict[str, Opened], name: str
) -> None:
    assert opened[name].console == []


def test_each_page_was_screenshot(opened: dict[str, Opened]) -> None:
    for name in PAGES:
        path = re.search(r"written to file (\S+)", opened[name].output)
        assert path is not None
        png = Path(path.group(1)).read_bytes()
        assert png.startswith(b"\x89PNG")
        assert len(png) > 10_000  # a blank page compresses to far less


def test_markup_in_record_values_stays_text_and_its_script_never_runs(
    opened: dict[str, Opened],
) -> None:
    dom = opened["scenario"].output
    # The scenario's name holds <b>; the first name a script that would
    # retitle the page, and an image whose onerror would.
    title = re.search(r"<title>(.*?)</title>", dom, re.S)
    assert title is not None
    assert (
        title.group(1) == "an engaged &lt;b&gt;lead&lt;/b&gt; becomes an MQL · revsim"
    )
    assert "<script" not in dom
    assert "<img" not in dom
    assert "&lt;script&gt;document.title='pwned'&lt;/script&gt;" in dom
    assert "Reyes &amp; &lt;i&gt;Sons&lt;/i&gt;" in dom


def _start(page: Path, profile: Path, arguments: list[str]) -> subprocess.Popen[str]:
    assert CHROMIUM is not None
    window = "--window-size=1280,1000"
    command = [CHROMIUM, *FLAGS, window, f"--user-data-dir={profile}", *arguments]
    return subprocess.Popen(
        [*command, page.as_uri()],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _finish(process: subprocess.Popen[str]) -> Opened:
    try:
        stdout, stderr = process.communicate(timeout=90)
    except subprocess.TimeoutExpired:
        process.kill()
        raise
    assert process.returncode == 0, stderr[-2000:]
    # Chromium reports the screenshot on stderr; keep it with the output.
    written = [line for line in stderr.splitlines() if "written to file" in line]
    return Opened("\n".join([stdout, *written]), CONSOLE.findall(stderr))


def _screenshots(work: Path) -> Path:
    keep = os.environ.get("REVSIM_SCREENSHOTS")
    folder = Path(keep) if keep else work / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder
