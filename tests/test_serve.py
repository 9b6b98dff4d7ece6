"""``sidra serve``: a page that loads from another machine, and a real browser playing it.

The server runs as a user runs it (``python -m game serve`` in a subprocess) on a free
loopback port, with its files in a temporary home, and is stopped after each test. The
page is fetched through the loopback with a *public URL* of another host name
(``localhost``, while the server listens on 127.0.0.1), as a browser on another machine
would be sent to it: every asset and the websocket must point at that URL. The browser
test loads the page in Debian's Chromium through Playwright and checks that the game's
title screen arrives over the websocket; it is skipped where no Chromium is installed.
Only loopback addresses are contacted: the browser's other requests (a web font) are
aborted.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from game.cli import main
from game.cli_serve import (
    allowed_origins,
    derive_public_url,
    host,
    origin_allowed,
    public_url,
)
from game.errors import SidraError

ROOT = Path(__file__).resolve().parents[1]

HAS_SERVE = True
try:
    import textual_serve  # noqa: F401
except ImportError:
    HAS_SERVE = False
needs_serve = pytest.mark.skipif(
    not HAS_SERVE, reason="textual-serve is not installed (pip install -e '.[test]' has it)"
)

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def free_port() -> int:
    """A TCP port nothing listens on now (the kernel's pick)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch(url: str, headers: dict[str, str] | None = None) -> tuple[int, str]:
    """(status, body) of a GET through the loopback, without any proxy of the environment."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, response.read(1_000_000).decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read(10_000).decode("utf-8", "replace")


class Served:
    """A running ``sidra serve``: its port, the URL it was given, and its output."""

    def __init__(self, process: subprocess.Popen[str], port: int, public: str) -> None:
        self.process, self.port, self.public = process, port, public
        self.local = f"http://127.0.0.1:{port}"


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    """``sidra serve --host 127.0.0.1 --port P --public-url http://localhost:P``, with
    HOME and the XDG folders in ``tmp_path`` (the games it starts write no user file)."""
    port = free_port()
    public = f"http://localhost:{port}"
    home = tmp_path / "home"
    env = {
        **os.environ,
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_STATE_HOME": str(home / "state"),
        "XDG_CACHE_HOME": str(home / "cache"),
    }
    argv = ["serve", "--host", "127.0.0.1", "--port", str(port), "--public-url", public]
    process = subprocess.Popen(
        [sys.executable, "-m", "game", *argv],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        cwd=tmp_path,
        env=env,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    output = process.communicate(timeout=10)[0] if process.poll() else ""
                    pytest.fail(f"sidra serve did not start listening: {output[-2000:]}")
                time.sleep(0.1)
        yield Served(process, port, public)
    finally:
        process.terminate()
        try:
            output = process.communicate(timeout=20)[0]
        except subprocess.TimeoutExpired:
            process.kill()
            output = process.communicate()[0]
        assert "Traceback" not in without_shutdown_noise(output), output[-4000:]


SHUTDOWN_NOISE = re.compile(
    r"Exception ignored in: <function BaseSubprocessTransport\.__del__[^\n]*\n"
    r"Traceback \(most recent call last\):\n(?:[ \t].*\n)*RuntimeError: Event loop is closed\n?"
)
"""What asyncio prints when textual-serve, stopped while a browser's game still runs,
closes its event loop before the game's subprocess transport is collected: the
transport's own finaliser, not Sidra's code, and not an error of the stop itself."""


def without_shutdown_noise(output: str) -> str:
    """The server's output without asyncio's finaliser noise at shutdown."""
    return SHUTDOWN_NOISE.sub("", output)


@needs_serve
def test_the_page_points_at_the_public_url(served: Served) -> None:
    status, page = fetch(served.local + "/")
    assert status == 200
    assets = re.findall(r'(?:href|src)="([^"]+)"', page)
    local = [a for a in assets if not a.startswith("https://fonts.")]  # the page's web font
    assert f"{served.public}/static/css/xterm.css" in local
    assert f"{served.public}/static/js/textual.js" in local
    assert all(a.startswith(served.public + "/") for a in local), local
    socket_url = re.search(r'data-session-websocket-url="([^"]+)"', page)
    assert socket_url is not None
    assert socket_url.group(1) == f"ws://localhost:{served.port}/ws"
    assert "0.0.0.0" not in page and "127.0.0.1" not in page
    # the assets named there are really served
    assert fetch(served.local + "/static/js/textual.js")[0] == 200


@needs_serve
def test_the_websocket_refuses_pages_from_elsewhere(served: Served) -> None:
    handshake = {
        "Connection": "Upgrade",
        "Upgrade": "websocket",
        "Sec-WebSocket-Version": "13",
        "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
    }
    for origin in ("http://evil.example", "null", f"http://localhost:{served.port + 1}"):
        status, body = fetch(served.local + "/ws", {**handshake, "Origin": origin})
        assert status == 403, (origin, status, body)


def test_where_the_page_points() -> None:
    def named(name: str) -> object:
        return lambda: name

    assert derive_public_url("127.0.0.1", 8000, None) == "http://127.0.0.1:8000"
    assert derive_public_url("::1", 9000, None) == "http://[::1]:9000"
    assert derive_public_url("192.168.1.20", 80, None) == "http://192.168.1.20:80"
    assert derive_public_url("0.0.0.0", 8000, "https://a.example/x") == "https://a.example/x"
    # every interface: this machine's host name, which other machines may know
    assert derive_public_url("0.0.0.0", 8000, None, named("laptop")) == "http://laptop:8000"  # type: ignore[arg-type]
    assert derive_public_url("::", 8001, None, named("box.lan.")) == "http://box.lan:8001"  # type: ignore[arg-type]
    for useless in ("localhost", "", "bad name", "\x1b[2J"):
        with pytest.raises(SidraError, match="--public-url http://") as caught:
            derive_public_url("0.0.0.0", 8000, None, named(useless))  # type: ignore[arg-type]
        assert "\x1b" not in str(caught.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("http://localhost:8000/", "http://localhost:8000"),
        ("https://sidra.example.org", "https://sidra.example.org"),
        ("http://[::1]:8000", "http://[::1]:8000"),
        ("https://proxy.example/games/sidra/", "https://proxy.example/games/sidra"),
    ],
)
def test_good_public_urls(text: str, expected: str) -> None:
    assert public_url(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "localhost:8000",
        "ftp://host",
        "javascript:alert(1)",
        "http://",
        "http://0.0.0.0:8000",
        "http://[::]:8000",
        "http://host:0",
        "http://host:65536",
        "http://host:port",
        "http://user:pw@host",
        "http://host/?q=1",
        "http://host/#x",
        'http://x"><script>alert(1)</script>',
        "http://ho st",
        "http://host/\x1b[2J",
        "http://bad_host!",
        "http://" + "a" * 3000,
        "",
    ],
)
def test_bad_public_urls_are_usage_errors(text: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(argparse.ArgumentTypeError):
        public_url(text)
    with pytest.raises(SystemExit) as exited:
        main(["serve", "--public-url", text])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert "argument --public-url: must be the http:// or https:// address" in err
    assert "Traceback" not in err and "\x1b" not in err


@pytest.mark.parametrize("text", ["a b", "-x", "host_name", "é.example", "a" * 300, "1.2.3.4.5/8"])
def test_bad_hosts_are_usage_errors(text: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["serve", f"--host={text}"])
    assert exited.value.code == 2
    assert "argument --host: must be an IP address" in capsys.readouterr().err


def test_good_hosts() -> None:
    assert host("0.0.0.0") == "0.0.0.0"
    assert host("[::1]") == "::1"
    assert host("laptop.local") == "laptop.local"


def test_origins_allowed() -> None:
    loop = allowed_origins("http://127.0.0.1:8000")
    for ok in ("http://127.0.0.1:8000", "http://localhost:8000", "http://[::1]:8000", None):
        assert origin_allowed(ok, loop), ok
    for bad in ("http://localhost:8001", "https://localhost:8000", "http://evil.example:8000"):
        assert not origin_allowed(bad, loop), bad
    proxied = allowed_origins("https://sidra.example.org/games")
    assert origin_allowed("https://sidra.example.org", proxied)
    assert origin_allowed("https://SIDRA.example.org:443", proxied)
    assert not origin_allowed("http://sidra.example.org", proxied)
    assert not origin_allowed("http://localhost:443", proxied)
    assert not origin_allowed("http://x:99999", proxied)


def test_help_says_who_can_play(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["serve", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "Anyone who can reach this port plays Sidra as you, with your files" in out
    assert "127.0.0.1 (this machine only)" in out
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    assert "Anyone who can reach the port plays Sidra as you" in readme


@needs_serve
@pytest.mark.skipif(CHROMIUM is None, reason="no Chromium installed (apt-get install chromium)")
def test_a_real_browser_shows_the_title_screen(served: Served, tmp_path: Path) -> None:
    playwright = pytest.importorskip(
        "playwright.sync_api", reason="Playwright is not installed (pip install -e '.[test]')"
    )
    received: list[str] = []

    def record(payload: str | bytes) -> None:
        text = payload.decode("utf-8", "replace") if isinstance(payload, bytes) else payload
        received.append(text)

    with playwright.sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
            ],
        )
        try:
            context = browser.new_context(viewport={"width": 1280, "height": 800})
            page = context.new_page()
            # only the loopback: the page's web font from the internet is refused
            page.route(
                "**/*",
                lambda route: (
                    route.continue_()
                    if route.request.url.startswith(served.public + "/")
                    else route.abort()
                ),
            )
            page.on("websocket", lambda ws: ws.on("framereceived", record))
            page.goto(served.public + "/")
            page.wait_for_selector("body.-first-byte .xterm", timeout=30_000)

            def screen() -> str:
                return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", "".join(received))

            deadline = time.monotonic() + 30
            while "New game" not in screen() and time.monotonic() < deadline:
                page.wait_for_timeout(200)
            deadline = time.monotonic() + 10  # the scenario list, for a fuller screenshot
            while "Tobruk" not in screen() and time.monotonic() < deadline:
                page.wait_for_timeout(200)
            page.screenshot(path=str(tmp_path / "title.png"))
            shown = screen()
            assert "New game" in shown, shown[-2000:]  # the title screen's first button
            assert page.locator(".xterm canvas, .xterm .xterm-screen").count() > 0
        finally:
            browser.close()
