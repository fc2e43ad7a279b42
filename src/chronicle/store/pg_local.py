"""A throwaway PostgreSQL server in a temporary folder, for the tests and ``bench/scale``.

It runs the distribution's own binaries (``initdb``, ``pg_ctl``) on 127.0.0.1 and a free port,
trusts local connections, and is removed on ``stop()``. PostgreSQL refuses to run as root, so
when we are root the cluster is owned and run by the ``postgres`` user (or ``nobody``).
Nothing here is used by ``chronicle`` itself; the store only needs a ``postgresql://`` URL.
"""
from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

BIN_GLOBS = ("/usr/lib/postgresql/*/bin", "/usr/local/pgsql/bin")


def find_bin() -> Path | None:
    """The folder holding ``initdb`` and ``pg_ctl`` (PostgreSQL 15 or newer), or None."""
    found = shutil.which("initdb")
    candidates = [Path(found).parent] if found else []
    for pattern in BIN_GLOBS:
        candidates += sorted((Path(p) for p in glob.glob(pattern)), reverse=True)
    for folder in candidates:
        if (folder / "initdb").exists() and (folder / "pg_ctl").exists():
            return folder
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _run_as() -> pwd.struct_passwd | None:
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    raise RuntimeError("running as root and no 'postgres' or 'nobody' user to run PostgreSQL as")


class LocalServer:
    """``with LocalServer() as server: server.url("chronicle")``: a server for the block."""

    def __init__(self, bin_dir: Path | None = None):
        self.bin = bin_dir or find_bin()
        if self.bin is None:
            raise FileNotFoundError("PostgreSQL's initdb and pg_ctl were not found (apt-get install -y postgresql)")
        self.port = _free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="chronicle-pg-"))
        self.user = _run_as()
        self.dbuser = self.user.pw_name if self.user else pwd.getpwuid(os.getuid()).pw_name

    def _cmd(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        kwargs = {}
        if self.user is not None:
            uid, gid = self.user.pw_uid, self.user.pw_gid

            def drop() -> None:  # in the child, before exec: PostgreSQL refuses root
                os.setgid(gid)
                os.setuid(uid)
            kwargs["preexec_fn"] = drop
        env = {**os.environ, "LC_ALL": "C", "HOME": str(self.dir)}
        return subprocess.run([str(self.bin / args[0]), *args[1:]], check=check, capture_output=True, text=True,
                              env=env, cwd=self.dir, **kwargs)

    def start(self) -> "LocalServer":
        if self.user is not None:
            os.chown(self.dir, self.user.pw_uid, self.user.pw_gid)
        data = self.dir / "data"
        # C locale and UTF-8: text sorts by code point, as SQLite's BINARY collation does.
        self._cmd("initdb", "-D", str(data), "-A", "trust", "-U", self.dbuser, "-E", "UTF8", "--locale=C", "--no-sync")
        opts = f"-h 127.0.0.1 -p {self.port} -k {self.dir} -F -c fsync=off -c full_page_writes=off"
        self._cmd("pg_ctl", "-D", str(data), "-l", str(self.dir / "log"), "-o", opts, "-w", "-t", "60", "start")
        return self

    def url(self, dbname: str = "postgres") -> str:
        return f"postgresql://{self.dbuser}@127.0.0.1:{self.port}/{dbname}"

    def create_db(self, name: str) -> str:
        """Create database ``name`` and return its URL."""
        import pg8000.dbapi

        conn = pg8000.dbapi.connect(user=self.dbuser, host="127.0.0.1", port=self.port, database="postgres")
        conn.autocommit = True
        try:
            conn.cursor().execute(f'CREATE DATABASE "{name}"')
        finally:
            conn.close()
        return self.url(name)

    def stop(self) -> None:
        if (self.dir / "data" / "postmaster.pid").exists():
            self._cmd("pg_ctl", "-D", str(self.dir / "data"), "-m", "immediate", "-w", "stop", check=False)
        shutil.rmtree(self.dir, ignore_errors=True)

    def __enter__(self) -> "LocalServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


if __name__ == "__main__":  # a server for a manual session: python -m chronicle.store.pg_local
    server = LocalServer().start()
    print(server.create_db("chronicle"), flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        server.stop()
