"""A throwaway PostgreSQL server for the tests, on 127.0.0.1 and a free port.

initdb and pg_ctl refuse to run as root, so as root they run as the
``postgres`` user (runuser); the data directory lives in a temporary directory
that user owns. Trust authentication on loopback only: the server exists for
the length of the test session and listens nowhere else.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import count
from pathlib import Path

_SERVER_USER = "postgres"


@dataclass
class PostgresServer:
    bin_dir: Path
    port: int
    data_dir: Path | None = None
    log: Path | None = None
    _databases: Iterator[int] = field(default_factory=lambda: count(1))

    def stop(self) -> None:
        """Stop the server (fast: sessions are cut), as an outage would."""
        assert self.data_dir is not None
        subprocess.run(
            _as_server_user([str(self.bin_dir / "pg_ctl"), "-D", str(self.data_dir), "-m", "fast", "-w", "stop"]),
            capture_output=True, text=True, timeout=120, check=True,
        )  # fmt: skip

    def start(self) -> None:
        assert self.data_dir is not None and self.log is not None
        subprocess.run(
            _as_server_user([
                str(self.bin_dir / "pg_ctl"), "-D", str(self.data_dir), "-l", str(self.log), "-w", "-t", "120", "start"
            ]),
            capture_output=True, text=True, timeout=180, check=True,
        )  # fmt: skip

    def url(self, database: str) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def psql(self, sql: str, database: str = "postgres") -> str:
        result = subprocess.run(
            [str(self.bin_dir / "psql"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres",
             "-d", database, "-v", "ON_ERROR_STOP=1", "-A", "-t", "-c", sql],
            capture_output=True, text=True, check=True, timeout=60,
        )  # fmt: skip
        return result.stdout

    def new_database(self) -> str:
        """A fresh, empty database's URL (each test gets its own)."""
        name = f"store_test_{next(self._databases)}"
        self.psql(f'CREATE DATABASE "{name}"')
        return self.url(name)


def find_bin_dir() -> Path | None:
    """PG_BIN, else the newest /usr/lib/postgresql/*/bin, else pg_ctl on PATH."""
    candidates = [os.environ.get("PG_BIN", "")]
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(Path(p).parent.name), reverse=True)
    on_path = shutil.which("pg_ctl")
    candidates.append(str(Path(on_path).parent) if on_path else "")
    for candidate in candidates:
        if candidate and all((Path(candidate) / tool).is_file() for tool in ("initdb", "pg_ctl", "postgres", "psql")):
            return Path(candidate)
    return None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _as_server_user(argv: list[str]) -> list[str]:
    return ["runuser", "-u", _SERVER_USER, "--", *argv] if os.geteuid() == 0 else argv


def cannot_run_reason() -> str | None:
    if find_bin_dir() is None:
        return (
            "no PostgreSQL server binaries (initdb, pg_ctl, postgres, psql) "
            "in PG_BIN, /usr/lib/postgresql/*/bin or PATH"
        )
    if os.geteuid() == 0:
        try:
            pwd.getpwnam(_SERVER_USER)
        except KeyError:
            return "running as root and there is no 'postgres' user to run initdb and pg_ctl as"
        if shutil.which("runuser") is None:
            return "running as root and runuser is missing"
    return None


@contextmanager
def running_server() -> Iterator[PostgresServer]:
    bin_dir = find_bin_dir()
    assert bin_dir is not None
    home = Path(tempfile.mkdtemp(prefix="store-pg-"))
    data = home / "data"
    if os.geteuid() == 0:
        account = pwd.getpwnam(_SERVER_USER)
        os.chown(home, account.pw_uid, account.pw_gid)
    run = _as_server_user
    try:
        subprocess.run(
            run([str(bin_dir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust",
                 "-E", "UTF8", "--locale=C", "--no-sync"]),
            capture_output=True, text=True, check=True, timeout=300,
        )  # fmt: skip
        for attempt in range(5):
            port = _free_port()
            with (data / "postgresql.conf").open("a") as conf:
                conf.write(
                    f"\nlisten_addresses = '127.0.0.1'\nport = {port}\nunix_socket_directories = ''\n"
                    # a test server: durability buys nothing and costs time
                    "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n"
                )
            log = home / "server.log"
            started = subprocess.run(
                run([str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(log), "-w", "-t", "120", "start"]),
                capture_output=True, text=True, timeout=180, check=False,
            )  # fmt: skip
            if started.returncode == 0:
                break
            if attempt == 4:
                output = log.read_text(errors="replace") if log.exists() else ""
                raise RuntimeError(f"pg_ctl start failed: {started.stderr}\n{output}")
        try:
            yield PostgresServer(bin_dir, port, data_dir=data, log=log)
        finally:
            subprocess.run(
                run([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"]),
                capture_output=True, text=True, timeout=120, check=False,
            )  # fmt: skip
    finally:
        shutil.rmtree(home, ignore_errors=True)
