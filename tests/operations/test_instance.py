"""The instance toolkit (``zumo.policy.instance``): what ``make instance``,
the cluster script, the benchmarks and the drills render and use."""

from http.server import BaseHTTPRequestHandler
from http.server import ThreadingHTTPServer
from zumo.policy import instance

import configparser
import pytest
import re
import socket
import subprocess
import sys
import threading


def _ini(etc):
    """The rendered zope.ini, parsed."""
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(etc / "zope.ini", encoding="utf-8")
    return parser


def test_render_writes_the_embedded_instance(tmp_path):
    home = tmp_path / "home"
    etc = instance.render(home, port=8765, threads=3, cache_size=1234)
    assert etc == home / "etc"
    assert sorted(path.name for path in etc.iterdir()) == [
        "site.zcml",
        "zope.conf",
        "zope.ini",
    ]
    for name in ("filestorage", "blobstorage", "log", "cache"):
        assert (home / "var" / name).is_dir()
    conf = (etc / "zope.conf").read_text(encoding="utf-8")
    assert f"%define INSTANCE {home}\n" in conf
    assert "instancehome $INSTANCE\n" in conf
    assert "%define CLIENTHOME $INSTANCE/var\n" in conf
    assert "cache-size 1234\n" in conf
    assert "path $CLIENTHOME/filestorage/Data.fs\n" in conf
    assert "blob-dir $CLIENTHOME/blobstorage\n" in conf
    ini = _ini(etc)
    assert ini["server:main"]["host"] == "127.0.0.1"
    assert ini["server:main"]["port"] == "8765"
    assert ini["server:main"]["threads"] == "3"
    assert ini["handler_accesslog"]["args"] == f"(r'{home}/var/log/access.log', 'a')"
    assert ini["handler_eventlog"]["args"] == f"(r'{home}/var/log/event.log', 'a')"
    assert (etc / "site.zcml").read_bytes() == (
        instance.TEMPLATES / "site.zcml"
    ).read_bytes()
    for path in etc.iterdir():
        assert not re.search(r"@[A-Z_]+@", path.read_text(encoding="utf-8")), path


def test_render_defaults_are_those_of_make_instance(tmp_path):
    etc = instance.render(tmp_path)
    assert "cache-size 50000\n" in (etc / "zope.conf").read_text(encoding="utf-8")
    assert _ini(etc)["server:main"]["port"] == "8080"
    assert _ini(etc)["server:main"]["threads"] == "2"


def test_render_again_keeps_the_data_and_rewrites_the_configuration(tmp_path):
    instance.render(tmp_path, port=8001)
    data = tmp_path / "var" / "filestorage" / "Data.fs"
    data.write_bytes(b"data")
    etc = instance.render(tmp_path, port=8002)
    assert data.read_bytes() == b"data"
    assert _ini(etc)["server:main"]["port"] == "8002"


def test_render_the_cluster_process(tmp_path):
    etc = instance.render(
        tmp_path,
        port=8081,
        template="zope-cluster.conf.in",
        values={"PG_PORT": 5433, "PG_PASSWORD": "geheim"},
        var=("log", "cache", "blobcache"),
    )
    conf = (etc / "zope.conf").read_text(encoding="utf-8")
    assert "dsn host='127.0.0.1' port='5433' dbname='zumo' user='zumo' " in conf
    assert "password='geheim'" in conf
    assert f"%define INSTANCE {tmp_path}\n" in conf
    assert not re.search(r"@[A-Z_]+@", conf)
    assert sorted(path.name for path in (tmp_path / "var").iterdir()) == [
        "blobcache",
        "cache",
        "log",
    ]
    assert _ini(etc)["server:main"]["port"] == "8081"


def test_fill_puts_in_the_values(tmp_path):
    target = instance.fill(
        "varnish.vcl.in", tmp_path / "varnish.vcl", {"HAPROXY_PORT": 9999}
    )
    text = target.read_text(encoding="utf-8")
    assert '.port = "9999";' in text
    assert "@HAPROXY_PORT@" not in text


def test_command_line_renders_as_render_does(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "zumo.policy.instance", "render",
         "--home", tmp_path / "cli", "--port", "8123", "--threads", "4",
         "--cache-size", "777"],
        capture_output=True,
        text=True,
        timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    # Rendered with the same home path, the files must be the same bytes.
    expected = instance.render(tmp_path / "cli-expected", 8123, 4, 777)
    for name in ("zope.conf", "zope.ini", "site.zcml"):
        rendered = (tmp_path / "cli" / "etc" / name).read_text(encoding="utf-8")
        wanted = (expected / name).read_text(encoding="utf-8")
        assert rendered == wanted.replace(
            str(tmp_path / "cli-expected"), str(tmp_path / "cli")
        )


def test_free_port_is_free():
    port = instance.free_port()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", port))


def test_free_ports_are_consecutive_and_free():
    ports = instance.free_ports(5)
    assert list(ports) == list(range(ports[0], ports[0] + 5))
    for port in ports:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", port))


class _Answer(BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        """Quiet."""


def test_wait_for_returns_the_body_once_the_server_answers():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Answer)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/ok"
        assert instance.wait_for(url, seconds=10) == b"ok"
    finally:
        server.shutdown()
        server.server_close()


def test_wait_for_gives_up_after_the_time():
    url = f"http://127.0.0.1:{instance.free_port()}/ok"
    with pytest.raises(TimeoutError, match="did not answer in 1 s"):
        instance.wait_for(url, seconds=1)


def test_wait_for_stops_when_the_server_process_ended():
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    url = f"http://127.0.0.1:{instance.free_port()}/ok"
    with pytest.raises(RuntimeError, match="the server stopped on its own"):
        instance.wait_for(url, seconds=60, process=process)
