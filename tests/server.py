"""A real server process on the test database: gunicorn, as production runs it, on a free local port.

    with ServerProcess(database_url, tmp_path) as server:
        client = server.client()          # a signed-in HTTP client: client.sign_in("producer")
        server.kill()                     # kill -9 of the whole process group, mid-request
        server.start()                    # and up again on the same port

Every process is killed when the block ends, whatever happened.
"""
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

from service.demo.data import DEMO_PASSWORD

REPO = Path(__file__).resolve().parents[1]
START_TIMEOUT = 60


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class ServerProcess:
    def __init__(self, database_url, folder, workers=2):
        self.database_url, self.folder, self.workers = database_url, Path(folder), workers
        self.port = free_port()
        self.process = None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self):
        environment = {**os.environ, "OCOP_CONFIG": "test", "TEST_DATABASE_URL": self.database_url,
                       "OCOP_ATTACHMENT_FOLDER": str(self.folder / "attachments")}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-w", str(self.workers), "-b", f"127.0.0.1:{self.port}",
             "--graceful-timeout", "1", "wsgi:app"],
            cwd=REPO, env=environment, start_new_session=True,
            stdout=subprocess.DEVNULL, stderr=open(self.folder / "server.log", "ab"))
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server stopped at start: see {self.folder / 'server.log'}")
            try:
                urllib.request.urlopen(f"{self.url}/api/v1/me", timeout=2)
            except urllib.error.HTTPError:
                return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("the server did not answer in time")

    def kill(self):
        """kill -9 of gunicorn and its workers, wherever they are."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=30)

    def client(self):
        return HttpClient(self.url)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.kill()


class HttpClient:
    """JSON over HTTP with a cookie jar; answers (status, headers, body)."""

    def __init__(self, url):
        self.url = url
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))

    def sign_in(self, username):
        status, _, body = self.send("POST", "/api/v1/auth/login", {"username": username, "password": DEMO_PASSWORD})
        assert status == 200, body
        return self

    def send(self, method, path, body=None, headers=None, timeout=30):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(f"{self.url}{path}", method=method, data=data,
                                         headers={"Content-Type": "application/json", **(headers or {})})
        try:
            with self.opener.open(request, timeout=timeout) as response:
                return response.status, dict(response.headers), json.loads(response.read() or b"null")
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), json.loads(error.read() or b"null")
