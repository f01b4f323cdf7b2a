"""A pool of worker processes that evaluate queries and can be killed at the time limit.

A thread cannot be stopped in the middle of an Oxigraph evaluation, a process can: each
worker opens the store read-only (RocksDB allows several readers), takes one request at a
time over a pipe and answers with a finished HTTP reply. A request waits at most the time
limit for an idle worker (else 503, busy), then at most the time limit for its answer; past
that the worker is killed (SIGKILL), replaced in the background, and the client gets 503
with the reason. The other workers keep answering meanwhile (docs/architecture.md §7).

On Linux each worker first moves into an empty network namespace when the kernel allows it,
so even a SERVICE call that slipped past common.sparql_safety could not leave the machine.
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import logging
import multiprocessing as mp
import os
import queue
import signal
import threading
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

from common.errors import GovkgError
from govkg.server.engine import Reply, error

LOG = logging.getLogger("govkg.server")
CLONE_NEWNET, CLONE_NEWUSER = 0x40000000, 0x10000000
STARTUP_SECONDS = 60.0
_CONTEXT = mp.get_context("spawn")


@dataclass(frozen=True)
class Limits:
    """Per-query limits: seconds of evaluation and rows returned."""

    timeout: float = 10.0
    max_rows: int = 10_000


@dataclass(eq=False)
class Worker:
    """One worker process and the parent's end of its pipe."""

    process: BaseProcess
    conn: Connection
    isolated: bool = False


def isolate_network() -> bool:
    """Enter a new, empty network namespace (Linux, best effort); True when it worked."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return any(
            libc.unshare(flags) == 0 for flags in (CLONE_NEWNET, CLONE_NEWUSER | CLONE_NEWNET)
        )
    except (OSError, AttributeError):
        return False


def worker_main(conn: Connection, store_path: str, isolate: bool) -> None:
    """The worker loop: open the store read-only, then answer requests until the pipe closes."""
    from govkg.server.engine import handle
    from govkg.store import open_store

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    isolated = isolate_network() if isolate else False
    try:
        store = open_store(Path(store_path), read_only=True)
    except (GovkgError, OSError) as exc:
        conn.send(("failed", str(exc)))
        return
    conn.send(("ready", isolated))
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        try:
            reply = handle(store, request)
        except Exception as exc:  # a bug must not take the worker down with it
            LOG.exception("query worker error")
            reply = error(500, f"internal error: {type(exc).__name__}: {exc}")
        conn.send(reply)


class WorkerPool:
    """Killable workers over one store, shared by the HTTP server's threads."""

    def __init__(self, store_path: Path, size: int, limits: Limits, isolate: bool = True) -> None:
        self.store_path, self.size, self.limits, self.isolate = store_path, size, limits, isolate
        self._idle: queue.Queue[Worker] = queue.Queue()
        self._all: set[Worker] = set()
        self._lock = threading.Lock()
        self.closed = False

    def start(self) -> None:
        """Start every worker and wait until each has opened the store."""
        started = [self._launch() for _ in range(self.size)]
        for worker in started:
            self._idle.put(self._await_ready(worker))

    def _launch(self) -> Worker:
        """Start one worker process (not yet ready)."""
        parent, child = _CONTEXT.Pipe()
        args = (child, str(self.store_path), self.isolate)
        process = _CONTEXT.Process(target=worker_main, args=args, daemon=True, name="govkg-worker")
        process.start()
        child.close()
        worker = Worker(process, parent)
        with self._lock:
            self._all.add(worker)
        return worker

    def _await_ready(self, worker: Worker) -> Worker:
        """Wait for a worker's ready message; a store it cannot open is an error."""
        if not worker.conn.poll(STARTUP_SECONDS):
            self._kill(worker)
            raise GovkgError("a query worker did not start in time")
        try:
            status, detail = worker.conn.recv()
        except EOFError:
            status, detail = "failed", "the worker exited"
        if status != "ready":
            self._kill(worker)
            raise GovkgError(f"a query worker could not open the store: {detail}")
        worker.isolated = bool(detail)
        return worker

    def busy(self) -> Reply:
        """The reply when no worker came free within the time limit."""
        timeout = self.limits.timeout
        return error(503, f"every query worker stayed busy for {timeout:g} s: try again later")

    def run(self, request: dict[str, Any]) -> Any:
        """Send one request to an idle worker; kill it when the time limit passes."""
        timeout = self.limits.timeout
        try:
            worker = self._idle.get(timeout=timeout)
        except queue.Empty:
            return self.busy()
        try:
            worker.conn.send(request)
            return self._collect(worker, worker.conn.poll(timeout))
        except (EOFError, OSError):
            self._replace(worker)
            return error(500, "the query worker stopped unexpectedly")

    async def run_async(self, request: dict[str, Any]) -> Any:
        """As `run`, from an event loop: the wait for the answer holds no thread.

        The caller admits at most `size` requests at a time, so an idle worker is normally
        there; while a killed one is being replaced, the wait for it runs in a thread.
        """
        loop = asyncio.get_running_loop()
        timeout = self.limits.timeout
        try:
            worker = self._idle.get_nowait()
        except queue.Empty:
            try:
                worker = await loop.run_in_executor(None, self._idle.get, True, timeout)
            except queue.Empty:
                return self.busy()
        try:
            worker.conn.send(request)
            return self._collect(worker, await self._readable(worker, timeout))
        except (EOFError, OSError):
            self._replace(worker)
            return error(500, "the query worker stopped unexpectedly")
        except asyncio.CancelledError:  # the server is stopping: its answer will never be read
            self._replace(worker)
            raise

    def _collect(self, worker: Worker, answered: bool) -> Any:
        """The worker's answer, and the worker back in the idle queue; a worker that did not
        answer within the time limit is replaced and the client told so."""
        if not answered:
            self._replace(worker)
            timeout = self.limits.timeout
            return error(503, f"the query ran past the time limit of {timeout:g} s and was stopped")
        reply = worker.conn.recv()
        self._idle.put(worker)
        return reply

    @staticmethod
    async def _readable(worker: Worker, timeout: float) -> bool:
        """Wait until the worker's pipe has its answer (False when the time limit passed).

        One future settled by whichever comes first, the pipe or a timer: no task per wait
        (asyncio.wait_for's), which cost a loop turn on every query."""
        loop = asyncio.get_running_loop()
        ready: asyncio.Future[bool] = loop.create_future()
        fd = worker.conn.fileno()
        loop.add_reader(fd, _settle, ready, True)
        timer = loop.call_later(timeout, _settle, ready, False)
        try:
            return await ready
        finally:
            timer.cancel()
            with contextlib.suppress(OSError):  # the pool may have closed it (shutdown)
                loop.remove_reader(fd)
                os.set_blocking(fd, True)  # uvloop leaves a watched fd non-blocking

    def _kill(self, worker: Worker) -> None:
        """Kill a worker process and forget it, once: the respawn thread and close() may both
        try (at shutdown, after a query timed out), and a pipe closed twice is EBADF — or
        worse, another file that reused its number."""
        with self._lock:
            if worker not in self._all:
                return
            self._all.discard(worker)
        worker.process.kill()
        worker.process.join(5)
        worker.conn.close()

    def _replace(self, worker: Worker) -> None:
        """Kill a worker now and start its replacement in the background."""
        worker.process.kill()
        threading.Thread(target=self._respawn, args=(worker,), daemon=True).start()

    def _respawn(self, old: Worker) -> None:
        """Reap the killed worker and put a fresh one in the idle queue."""
        self._kill(old)
        if self.closed:
            return
        try:
            self._idle.put(self._await_ready(self._launch()))
        except GovkgError as exc:
            LOG.error("could not replace a query worker: %s", exc)

    def close(self) -> None:
        """Stop every worker."""
        self.closed = True
        with self._lock:
            workers = list(self._all)
        for worker in workers:
            self._kill(worker)

    def ask(self, request: dict[str, Any]) -> Reply:
        """Run a request whose answer is an HTTP reply."""
        reply = self.run(request)
        assert isinstance(reply, Reply)
        return reply


def _settle(ready: asyncio.Future[bool], readable: bool) -> None:
    """Settle a wait once: True when the pipe is readable, False when the time limit passed."""
    if not ready.done():
        ready.set_result(readable)
