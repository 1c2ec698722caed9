"""The instance toolkit: render a Zope instance of the ZUMO Netzwerk from the
templates in ``instance/`` and drive it from plain Python.

One home for what ``make instance``, ``scripts/cluster.py``, the benchmarks
and the drills do with an instance: write its configuration
(:func:`render`, :func:`fill`), find free ports on loopback
(:func:`free_port`, :func:`free_ports`), run a script inside Zope
(:func:`zconsole`) and wait until a server answers (:func:`wait_for`).

It runs before Zope starts, in the virtual environment's plain Python, so it
uses the standard library only. ``make instance`` calls its command line::

    python -m zumo.policy.instance render --home instance --port 8080 \\
        --threads 2 --cache-size 50000
"""

from pathlib import Path

import argparse
import shutil
import socket
import subprocess
import sys
import time
import urllib.request


#: The project's checkout (the package is installed from it in place).
ROOT = Path(__file__).resolve().parents[3]
#: The configuration templates with their ``@NAME@`` placeholders.
TEMPLATES = ROOT / "instance"
BIN = ROOT / ".venv" / "bin"
#: The defaults of ``make instance`` (its PORT, THREADS, ZODB_CACHE_SIZE).
PORT = 8080
THREADS = 2
ZODB_CACHE_SIZE = 50000
#: The directories below ``var/`` of an instance on its own FileStorage.
EMBEDDED_VAR = ("filestorage", "blobstorage", "log", "cache")


def fill(template, target, values):
    """Write the template ``template`` (a file name in ``instance/``) to the
    path ``target`` with ``values`` (``{"NAME": value}``) put in for its
    ``@NAME@`` placeholders; return ``target``."""
    text = (TEMPLATES / template).read_text(encoding="utf-8")
    for name, value in values.items():
        text = text.replace(f"@{name}@", str(value))
    target.write_text(text, encoding="utf-8")
    return target


def render(
    home,
    port=PORT,
    threads=THREADS,
    cache_size=ZODB_CACHE_SIZE,
    template="zope.conf.in",
    values=None,
    var=EMBEDDED_VAR,
):
    """Render the instance whose home is the directory ``home``.

    Writes ``etc/zope.conf`` from ``template`` (``zope.conf.in``, the
    FileStorage; ``zope-cluster.conf.in``, RelStorage), ``etc/zope.ini``
    (waitress on 127.0.0.1:``port`` with ``threads`` worker threads) and
    ``etc/site.zcml``, and makes the directories ``var/<name>`` for each
    name in ``var``. ``cache_size`` is the ZODB cache per connection
    (objects); ``values`` fills further placeholders of ``template`` and
    ``zope.ini.in`` (``CLEAR_PROXY_HEADERS``: ``"false"`` behind trusted
    proxies, else ``"true"``).
    Existing directories are kept, existing files overwritten. Returns the
    ``etc`` directory.
    """
    home = Path(home)
    etc = home / "etc"
    etc.mkdir(parents=True, exist_ok=True)
    for name in var:
        (home / "var" / name).mkdir(parents=True, exist_ok=True)
    values = {
        "INSTANCE": home,
        "PORT": port,
        "THREADS": threads,
        "ZODB_CACHE_SIZE": cache_size,
        "CLEAR_PROXY_HEADERS": "true",
        **(values or {}),
    }
    fill(template, etc / "zope.conf", values)
    fill("zope.ini.in", etc / "zope.ini", values)
    shutil.copy(TEMPLATES / "site.zcml", etc / "site.zcml")
    return etc


def free_port():
    """A TCP port on 127.0.0.1 that is free at this moment."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def free_ports(count):
    """``count`` consecutive TCP ports on 127.0.0.1 that are free at this
    moment, as a ``range``."""
    while True:
        first = free_port()
        if first + count > 65535:
            continue
        free = True
        for port in range(first, first + count):
            with socket.socket() as probe:
                try:
                    probe.bind(("127.0.0.1", port))
                except OSError:
                    free = False
                    break
        if free:
            return range(first, first + count)


def zconsole(
    conf,
    script,
    *args,
    environ=None,
    stdout=subprocess.PIPE,
    stderr=subprocess.PIPE,
    timeout=None,
):
    """Run the Python file ``script`` inside Zope with ``zconsole run``.

    ``conf`` is the instance's ``zope.conf``; zconsole binds the Zope root as
    ``app`` and leaves ``sys.argv`` as ``zconsole run <conf> <script>
    <args>``. Runs in the project's checkout with the environment
    ``environ`` (default: this process's). ``stdout`` and ``stderr`` are
    captured as text unless given as ``None`` (then they show as the script
    goes). Returns the completed process; raises
    ``subprocess.CalledProcessError`` (with what was captured) if the
    script fails and ``subprocess.TimeoutExpired`` after ``timeout``
    seconds.
    """
    return subprocess.run(
        [BIN / "zconsole", "run", conf, script, *map(str, args)],
        stdout=stdout,
        stderr=stderr,
        text=True,
        cwd=ROOT,
        env=environ,
        timeout=timeout,
        check=True,
    )


def wait_for(url, seconds=120, process=None):
    """Wait until ``url`` answers with 200; return the body of the answer.

    Each attempt may take up to 30 seconds (a cold page of a large site
    does). With ``process`` (a ``subprocess.Popen`` of the server) raises
    ``RuntimeError`` as soon as that process has ended; raises
    ``TimeoutError`` when nothing answered within ``seconds``.
    """
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError("the server stopped on its own")
        try:
            with urllib.request.urlopen(url, timeout=30) as response:
                if response.status == 200:
                    return response.read()
        except OSError:
            pass
        time.sleep(0.2)
    raise TimeoutError(f"{url} did not answer in {seconds} s")


def main(argv=None):
    """Command line entry: ``render`` an instance; return the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    rendering = commands.add_parser("render", help=render.__doc__.split("\n")[0])
    rendering.add_argument("--home", required=True, help="the instance's home")
    rendering.add_argument("--port", type=int, default=PORT)
    rendering.add_argument("--threads", type=int, default=THREADS)
    rendering.add_argument("--cache-size", type=int, default=ZODB_CACHE_SIZE)
    args = parser.parse_args(argv)
    render(
        args.home,
        port=args.port,
        threads=args.threads,
        cache_size=args.cache_size,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
