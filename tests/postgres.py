"""A throwaway PostgreSQL cluster on a loopback port, for the tests and the database benchmark.

Debian's `postgresql` package gives the server binaries (`/usr/lib/postgresql/<version>/bin`); the
cluster lives in a temporary folder, listens on 127.0.0.1 only, and asks for a password
(scram-sha-256), so that a wrong password can be tested. PostgreSQL refuses to run as root: as root,
the cluster is run as the `postgres` user the package creates.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

USER = "servicemirror"
PASSWORD = "throwaway-test-password"


def server_bin() -> Path | None:
    """The folder of initdb and pg_ctl, or None when PostgreSQL is not installed."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Cluster:
    folder: Path
    port: int
    bin: Path

    @property
    def host(self) -> str:
        return f"127.0.0.1:{self.port}"

    def uri(self, database: str = "postgres", password: str | None = PASSWORD) -> str:
        auth = f"{USER}:{password}" if password is not None else USER
        return f"postgresql://{auth}@{self.host}/{database}"

    def _run(self, *args: str) -> subprocess.CompletedProcess:
        command = [str(self.bin / args[0]), *args[1:]]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(command, check=True, capture_output=True, text=True)

    def start(self) -> None:
        self._run(
            "pg_ctl",
            "-D",
            str(self.folder / "data"),
            "-l",
            str(self.folder / "log"),
            "-w",
            "-o",
            f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1",
            "start",
        )

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.folder / "data"), "-m", "fast", "-w", "stop")

    def create_database(self, name: str) -> str:
        import adbc_driver_postgresql.dbapi as dbapi

        with dbapi.connect(self.uri()) as conn:
            conn.adbc_connection.set_autocommit(True) if hasattr(conn, "adbc_connection") else None
            with conn.cursor() as cur:
                cur.execute(f'DROP DATABASE IF EXISTS "{name}"')
                cur.execute(f'CREATE DATABASE "{name}"')
        return self.uri(name)


def start_cluster() -> Cluster:
    """initdb + start; the caller stops it (and removes the folder) with `stop_cluster`."""
    binary = server_bin()
    if binary is None:
        raise FileNotFoundError("PostgreSQL server binaries (apt-get install postgresql)")
    folder = Path(tempfile.mkdtemp(prefix="servicemirror-pg-"))
    (folder / "pw").write_text(PASSWORD)
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
        shutil.chown(folder / "pw", "postgres", "postgres")
    cluster = Cluster(folder, _free_port(), binary)
    cluster._run(
        "initdb",
        "-D",
        str(folder / "data"),
        "-U",
        USER,
        "--pwfile",
        str(folder / "pw"),
        "--auth=scram-sha-256",
        "-E",
        "UTF8",
        "--locale=C.UTF-8",
    )
    for _ in range(3):
        try:
            cluster.start()
            break
        except subprocess.CalledProcessError:
            cluster.port = _free_port()
            time.sleep(0.5)
    return cluster


def stop_cluster(cluster: Cluster) -> None:
    try:
        cluster.stop()
    finally:
        shutil.rmtree(cluster.folder, ignore_errors=True)
