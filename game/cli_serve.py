"""``sidra serve``: the game UI in a web browser, through Textualize's textual-serve.

Each browser tab that opens the page starts its own ``sidra`` process on this machine,
driven through a websocket. Whoever reaches the port therefore plays with the files of
the user who ran the command (autosaves, saved games, scenarios written with ``sidra
new``), so the server listens on 127.0.0.1 (this machine only) unless ``--host`` says
otherwise, and says so when it starts.

The page's stylesheet, script and websocket are absolute URLs built from one *public
URL*, the address browsers use to reach the server. It is ``--public-url`` when given,
else made from ``--host`` and ``--port``: ``http://HOST:PORT`` for a named host or an
address, and for a wildcard host (``0.0.0.0``, ``::``), which no browser can open, this
machine's host name (``http://NAME:PORT``), printed at start with the advice to pass
``--public-url`` if other machines know this one by another name or address. Serving
``http://0.0.0.0:PORT`` links, which load nowhere else, is what this module exists to
avoid.

The websocket accepts only pages from that public origin (and, when it is a loopback
address, from the other loopback names of the same port): a web page from elsewhere
that the user happens to visit cannot open a game on the user's machine through the
browser (cross-site websocket hijacking), as the websocket is not bound by the
browser's same-origin policy. Clients that send no ``Origin`` (not browsers) are
served, as the port is reachable only as far as ``--host`` opens it.

Everything typed is checked where it is parsed (argparse types: a usage error naming
the option, exit 2): the host is an IP address or a DNS name, the port 1 to 65,535, the
public URL an ``http``/``https`` URL of plain URL characters, as it is written into
the page unescaped by textual-serve's template.
"""

from __future__ import annotations

import argparse
import ipaddress
import re
import shlex
import socket
import sys
import textwrap
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from game import cli_args
from game.cli_args import EXIT_OK
from game.cli_text import safe
from game.errors import SidraError

if TYPE_CHECKING:
    from collections.abc import Callable


DEFAULT_HOST = "127.0.0.1"
"""Listen on this machine only unless told otherwise."""

DEFAULT_PORT = 8000

WILDCARD_HOSTS = frozenset({"0.0.0.0", "::"})
"""Addresses that listen on every interface and that no browser can open."""

LOOPBACK_NAMES = ("localhost", "127.0.0.1", "[::1]")
"""The names by which a browser on this machine reaches a loopback server."""

MAX_HOST = 253
"""The longest DNS name."""

MAX_URL = 2000
"""The longest public URL accepted (browsers and proxies handle far longer; nobody types it)."""

_LABEL = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\Z")
_URL_CHARS = re.compile(r"[A-Za-z0-9._~:/%\[\]-]+\Z")
"""What a public URL may hold: letters, digits and the URL punctuation of a scheme, host,
port and path. No quotes, angle brackets, spaces, ``@`` (credentials), ``?`` or ``#``:
the URL is pasted into the page's HTML and prefixed to every path."""

WARNING = (
    "Anyone who can reach this port plays Sidra as you, with your files: your saved "
    "games, autosaves and scenarios. So it listens on 127.0.0.1 (this machine only) "
    "unless --host says otherwise; open it to a network you trust, never to the internet."
)

EXAMPLES = f"""\
examples:
  # play in a browser on this machine: open http://127.0.0.1:{DEFAULT_PORT}
  sidra serve

  # play from the other machines of the network, which know this one as laptop.local
  sidra serve --host 0.0.0.0 --public-url http://laptop.local:{DEFAULT_PORT}

  # behind a TLS proxy that forwards https://sidra.example.org to 127.0.0.1:9000
  sidra serve --port 9000 --public-url https://sidra.example.org"""
"""The examples of ``sidra serve --help``, laid out as the other commands' examples."""


def _shown(text: str) -> str:
    cut = text if len(text) <= 60 else text[:60] + "…"
    return safe(repr(cut))


def host(text: str) -> str:
    """An argparse type for ``--host``: an IPv4 or IPv6 address, or a DNS name."""
    value = text.strip()
    if value in WILDCARD_HOSTS:
        return value
    try:
        return str(ipaddress.ip_address(value.strip("[]")))
    except ValueError:
        pass
    name = value.rstrip(".")
    if 0 < len(name) <= MAX_HOST and all(_LABEL.match(label) for label in name.split(".")):
        return name
    raise argparse.ArgumentTypeError(
        f"must be an IP address (127.0.0.1, 0.0.0.0, ::1) or a host name, not {_shown(text)}"
    )


def public_url(text: str) -> str:
    """An argparse type for ``--public-url``: ``http(s)://HOST[:PORT][/PATH]``, returned
    without its trailing ``/`` (textual-serve appends ``/static/...`` and ``/ws`` to it)."""
    value = text.strip()
    problem = _url_problem(value)
    if problem:
        raise argparse.ArgumentTypeError(
            f"must be the http:// or https:// address browsers use to reach the server, "
            f"such as http://laptop.local:{DEFAULT_PORT} ({problem}), not {_shown(text)}"
        )
    return value.rstrip("/")


def _url_problem(value: str) -> str:
    """Why ``value`` is no usable public URL, or "" if it is one."""
    if len(value) > MAX_URL:
        return f"at most {MAX_URL:,} characters"
    if not _URL_CHARS.match(value):
        return "letters, digits and - . _ ~ : / % [ ] only; no spaces, quotes, @, ? or #"
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not value.startswith(f"{parts.scheme}://"):
        return "the scheme is http or https"
    try:
        parts.port  # noqa: B018 - raises ValueError on a port out of range or not a number
    except ValueError:
        return "a port is 1 to 65,535"
    if not parts.hostname:
        return "it names a host"
    if parts.port == 0:
        return "a port is 1 to 65,535"
    try:
        host(parts.hostname)
    except argparse.ArgumentTypeError:
        return "the host is an IP address or a host name"
    if parts.hostname in WILDCARD_HOSTS:
        return "0.0.0.0 and :: are where to listen, not an address a browser can open"
    return ""


def _in_url(name: str) -> str:
    """A host as written in a URL: IPv6 addresses in brackets."""
    return f"[{name}]" if ":" in name else name


def derive_public_url(
    listen: str, port: int, given: str | None, hostname: Callable[[], str] = socket.gethostname
) -> str:
    """The URL browsers use to reach the server (see the module's docstring).

    A wildcard ``listen`` address becomes this machine's host name; a SidraError if the
    machine has no usable one (then ``--public-url`` is needed).
    """
    if given is not None:
        return given
    if listen not in WILDCARD_HOSTS:
        return f"http://{_in_url(listen)}:{port}"
    name = hostname().strip().rstrip(".")
    try:
        usable = host(name) == name and name not in WILDCARD_HOSTS and name != "localhost"
    except argparse.ArgumentTypeError:
        usable = False
    if not usable:
        raise SidraError(
            f"--host {listen} listens on every network interface, but this machine "
            f"has no host name other machines could use ({_shown(name)}): pass the address "
            f"they reach it by, such as --public-url http://192.168.1.20:{port}"
        )
    return f"http://{name}:{port}"


def _origin(url: str) -> tuple[str, str, int]:
    """(scheme, host, port) of a URL, the port filled in from the scheme."""
    parts = urlsplit(url.lower())
    port = parts.port or (443 if parts.scheme in ("https", "wss") else 80)
    return parts.scheme, parts.hostname or "", port


def allowed_origins(url: str) -> frozenset[tuple[str, str, int]]:
    """The page origins whose websocket is accepted: the public URL's, and when that is
    a loopback address, the other loopback names of the same scheme and port."""
    scheme, name, port = _origin(url)
    names = {name}
    if name in ("localhost", "::1") or name.startswith("127."):
        names.update(n.strip("[]") for n in LOOPBACK_NAMES)
    return frozenset((scheme, n, port) for n in names)


def origin_allowed(origin: str | None, allowed: frozenset[tuple[str, str, int]]) -> bool:
    """Whether a websocket request with this ``Origin`` header is served (see above)."""
    if origin is None:
        return True
    try:
        return _origin(origin.strip()) in allowed
    except ValueError:  # a port out of range: no origin of ours
        return False


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``serve`` to the ``sidra`` parser."""
    p = sub.add_parser(
        "serve",
        help="serve the game UI in a web browser (needs the 'web' extra)",
        description=textwrap.fill(
            "Serve the game in a web browser: each tab that opens the page plays its own "
            "game, run by a sidra process on this machine.",
            width=78,
        )
        + "\n\n"
        + textwrap.fill(WARNING, width=78),
        epilog=EXAMPLES,
    )
    p.add_argument(
        "--host",
        type=host,
        default=DEFAULT_HOST,
        help=f"the address to listen on (default {DEFAULT_HOST}, this machine only); "
        "0.0.0.0 or :: listen on every network interface",
    )
    p.add_argument(
        "--port",
        type=cli_args.port,
        default=DEFAULT_PORT,
        help=f"the TCP port, 1 to 65,535 (default {DEFAULT_PORT})",
    )
    p.add_argument(
        "--public-url",
        type=public_url,
        default=None,
        metavar="URL",
        help="the address browsers use to reach the server, written into the page for its "
        "script and websocket (default http://HOST:PORT; for 0.0.0.0 or ::, this machine's "
        "host name); set it when other machines know this one by another name, or behind "
        "a proxy",
    )


def run(args: argparse.Namespace) -> int:
    """``sidra serve``: serve until Ctrl+C (or SIGTERM); exit 1 with a message if the
    web extra is missing or the address cannot be listened on."""
    try:
        from textual_serve.server import Server
    except ImportError:
        raise SidraError(
            "serving in a browser needs the 'web' extra: pip install 'sidra[web]' "
            "(from a clone: pip install -e '.[web]')"
        ) from None
    url = derive_public_url(args.host, args.port, args.public_url)
    allowed = allowed_origins(url)

    class _Server(Server):
        """textual-serve's server, whose websocket refuses pages from other origins."""

        async def handle_websocket(self, request: Any) -> Any:
            from aiohttp import web

            if not origin_allowed(request.headers.get("Origin"), allowed):
                raise web.HTTPForbidden(text="this game is served to its own page only\n")
            return await super().handle_websocket(request)

    listen = f"{_in_url(args.host)}:{args.port}"
    print(f"Sidra listens on {safe(listen)}; open {safe(url)} — Ctrl+C stops it.")
    print(WARNING)
    if args.host in WILDCARD_HOSTS and args.public_url is None:
        print(
            f"If other machines do not know this one as {safe(urlsplit(url).hostname)}, "
            f"stop and pass the address they use: --public-url http://ADDRESS:{args.port}"
        )
    command = f"{shlex.quote(sys.executable)} -m game"
    try:
        _Server(command, host=args.host, port=args.port, title="Sidra", public_url=url).serve()
    except OSError as exc:  # the address is taken, unknown or not ours to listen on
        raise SidraError(f"cannot listen on {safe(listen)}: {exc.strerror or exc}") from None
    return EXIT_OK
