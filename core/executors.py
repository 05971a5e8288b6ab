"""Extraction as a map over articles, run in this process, in a local process pool or on a Dask cluster.

Every executor maps the same step over batches of articles; `extract_all` hands them out, retries
the batch of a worker that died once, and gives the results back in input order to the caller,
which alone writes the store. Dask is imported only when a cluster is asked for.
"""
from __future__ import annotations

import math
import os
import threading
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from .errors import UserError
from .sanitize import one_line

if TYPE_CHECKING:
    from .extract import Extraction, Extractor
    from .profiles import Profile
    from .records import Article

# Articles per batch sent to a worker: big enough that a spaCy batch is full (nlp.pipe batches
# of 8 were as fast as any), small enough that the last batches end together and a dead
# worker costs little.
BATCH_ARTICLES = 8
# A worker that must load its own pipeline (where workers are not forked) needs about 2 s to
# start, the time of some 15 articles: a smaller run is extracted in this process instead.
MIN_POOL_ARTICLES = 16
CONNECT_SECONDS = 10
Progress = Callable[[str, int, int], None]


def cores() -> int:
    """The cores this process may use (its CPU affinity where the system says)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


@dataclass(frozen=True)
class Spec:
    """What a worker needs to build the parent's extractor: the profile itself (a worker on another
    machine may not have its file), the kind of pipeline, and the key the records must carry."""

    profile: Profile | None
    trained: bool
    key: str


@dataclass(frozen=True)
class Lost:
    """A batch whose worker died before it answered."""

    reason: str


@dataclass(frozen=True)
class Failure:
    """An article not extracted because the worker extracting it died, and again on the retry."""

    article: Article
    reason: str

    @property
    def message(self) -> str:
        return (f"{one_line(self.article.source)}: not extracted; the worker extracting it died, "
                f"and again on the retry ({self.reason}).")


class WorkerError(RuntimeError):
    """An exception raised inside a worker: a bug, shown with the worker's own traceback."""


_EXTRACTORS: dict[tuple, Extractor] = {}
_LOCK = threading.Lock()  # one extraction at a time per process: a pipeline is not shared between threads


def _recipe(profile: Profile | None, trained: bool) -> tuple:
    return (profile.name, profile.fingerprint, trained) if profile else ("", "", trained)


def _extractor(profile: Profile | None, trained: bool) -> Extractor:
    """This process's extractor for a profile, built on first use and kept (one profile at a time:
    a pipeline holds hundreds of MB). Called under _LOCK."""
    recipe = _recipe(profile, trained)
    if recipe not in _EXTRACTORS:
        from .extract import Extractor

        _EXTRACTORS.clear()
        _EXTRACTORS[recipe] = Extractor(profile, trained)
    return _EXTRACTORS[recipe]


def extract_batch(spec: Spec, articles: list[Article]) -> tuple[str, list[tuple[list, list]]]:
    """The map's step in a worker: the positions and figures of each article, and the key of the
    extractor that made them."""
    with _LOCK:
        extractor = _extractor(spec.profile, spec.trained)
        return extractor.key, [(e.positions, e.figures) for e in extractor.extract_many(articles)]


def warm(profile: Profile | None, trained: bool) -> None:
    """Build a worker's extractor before its first batch arrives."""
    with _LOCK:
        _extractor(profile, trained)


Task = Callable[[Spec, list], tuple[str, list[tuple[list, list]]]]


class InProcess:
    """Today's way: one `extract_many` stream in this process with the extractor already loaded.
    Every article is its own batch, so progress moves article by article."""

    min_articles = 0
    capacity = math.inf  # all batches are taken at once and streamed through one pipeline

    def prepare(self, profile: Profile | None, trained: bool) -> None:
        """Nothing to get ready: the pipeline is this process's own."""

    def start(self, extractor: Extractor) -> None:
        self._extractor = extractor
        self._submitted: list[tuple[int, Article]] = []
        self._stream: Iterator | None = None

    def submit(self, index: int, batch: list[Article]) -> None:
        self._submitted.extend((index, article) for article in batch)

    def next_done(self) -> tuple[int, object]:
        if self._stream is None:
            indices = [index for index, _ in self._submitted]
            self._stream = zip(indices, self._extractor.extract_many([a for _, a in self._submitted]), strict=True)
        index, extraction = next(self._stream)
        return index, (self._extractor.key, [(extraction.positions, extraction.figures)])

    def close(self) -> None:
        self._stream = None


class ProcessPool:
    """Local worker processes, each building the pipeline once. The parent hands each worker one
    batch at a time, so when a worker dies it knows which batch died with it and starts another."""

    def __init__(self, workers: int, task: Task = extract_batch, min_articles: int = MIN_POOL_ARTICLES) -> None:
        self.workers = workers
        self.task = task
        self.min_articles = min_articles

    @property
    def capacity(self) -> int:
        return self.workers

    def prepare(self, profile: Profile | None, trained: bool) -> None:
        """Nothing yet: forked workers share the pipeline this process is about to load."""

    def start(self, extractor: Extractor) -> None:
        import multiprocessing

        self._context = multiprocessing.get_context()
        self._spec = spec_of(extractor)
        # Where workers are forked (Linux before Python 3.14) they find this pipeline already loaded;
        # elsewhere each one builds it on its first batch.
        _EXTRACTORS.clear()
        _EXTRACTORS[_recipe(extractor.profile, self._spec.trained)] = extractor
        self._idle: list[_Worker] = []
        self._busy: dict[_Worker, int] = {}

    def submit(self, index: int, batch: list[Article]) -> None:
        while True:
            worker = self._idle.pop() if self._idle else self._spawn()
            try:
                worker.conn.send((index, batch))
            except OSError:  # it died while idle: the batch never reached it, another worker takes it
                worker.stop()
                continue
            self._busy[worker] = index
            return

    def next_done(self) -> tuple[int, object]:
        from multiprocessing.connection import wait

        ready = wait([worker.conn for worker in self._busy])
        worker = next(w for w in self._busy if w.conn is ready[0])
        index = self._busy.pop(worker)
        try:
            kind, payload = worker.conn.recv()
        except (EOFError, OSError):
            return index, Lost(worker.stop())
        if kind == "raised":
            raise WorkerError(f"a worker failed on a batch of articles:\n{payload}")
        self._idle.append(worker)
        return index, payload

    def close(self) -> None:
        for worker in self._idle:
            try:
                worker.conn.send(None)
            except OSError:
                pass
        for worker in [*self._idle, *self._busy]:
            worker.stop(wait=worker not in self._busy)
        self._idle, self._busy = [], {}
        _EXTRACTORS.clear()

    def _spawn(self) -> _Worker:
        parent, child = self._context.Pipe()
        _PARENT_ENDS.add(parent)
        process = self._context.Process(target=_serve, args=(child, self._spec, self.task), daemon=True)
        process.start()
        child.close()  # the worker holds the only other end: its death reads as end of file here, and ours there
        return _Worker(process, parent)


# The pool's ends of its workers' pipes, in this process. A forked worker would inherit copies of
# them, and a pipe whose end is still open somewhere never reads as closed: a worker would then
# never see its parent die. Each forked child closes its copies at once.
_PARENT_ENDS: set = set()


def _close_parent_ends() -> None:
    for conn in _PARENT_ENDS:
        conn.close()
    _PARENT_ENDS.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_close_parent_ends)


@dataclass(eq=False)
class _Worker:
    process: object
    conn: object

    def stop(self, wait: bool = True) -> str:
        """End the worker (letting it finish on its own when `wait`) and say how it ended."""
        self.process.join(timeout=5 if wait else 0)
        if self.process.exitcode is None:
            self.process.terminate()
            self.process.join()
        _PARENT_ENDS.discard(self.conn)
        self.conn.close()
        code = self.process.exitcode
        if code is not None and code < 0:
            import signal

            return f"killed by {signal.Signals(-code).name}"
        return f"exit code {code}"


def _serve(conn, spec: Spec, task: Task) -> None:
    """A pool worker's life: batches in, results out, until the parent sends None."""
    import signal
    import traceback

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # ctrl+c is the parent's: it stops the workers
    try:
        while (job := conn.recv()) is not None:
            _, batch = job
            try:
                reply = ("done", task(spec, batch))
            except Exception:
                reply = ("raised", traceback.format_exc())
            conn.send(reply)
    except (EOFError, OSError):
        return  # the parent is gone (killed): there is no one to answer


class DaskCluster:
    """A Dask distributed cluster at an address: each batch is a task; the scheduler moves the tasks
    of a worker that died to another, and gives up on a task after killing a few (KilledWorker)."""

    min_articles = 0

    def __init__(self, address: str, task: Task = extract_batch) -> None:
        self.address = address
        self.task = task
        self.capacity = 2
        self._client = None
        self._warming: list = []
        self._index: dict[object, int] = {}

    def prepare(self, profile: Profile | None, trained: bool) -> None:
        """Connect, and have every worker build its pipeline while this process builds its own."""
        client = self._connect()
        self._warming = [client.submit(warm, profile, trained, workers=[address], allow_other_workers=False, pure=False)
                         for address in client.nthreads()]

    def _connect(self):
        if self._client is None:
            try:
                from distributed import Client
            except ImportError:
                raise UserError("--dask needs Dask's distributed scheduler: pip install 'ceasetalk[cluster]'.") from None
            try:
                self._client = Client(self.address, timeout=CONNECT_SECONDS)
            except (OSError, TimeoutError, ValueError) as exc:
                raise UserError(f"No Dask scheduler answers at {self.address} ({exc}).") from None
        return self._client

    def start(self, extractor: Extractor) -> None:
        from distributed import as_completed

        client = self._connect()
        threads = sum(client.nthreads().values())
        self.capacity = max(2, 2 * threads)  # a task waiting on every thread keeps the workers busy
        self._spec = spec_of(extractor)
        self._done = as_completed()
        self._index = {}

    def submit(self, index: int, batch: list[Article]) -> None:
        future = self._client.submit(self.task, self._spec, batch, pure=False)
        self._index[future] = index
        self._done.add(future)

    def next_done(self) -> tuple[int, object]:
        from distributed import KilledWorker

        future = next(self._done)
        index = self._index.pop(future)
        if future.status == "error" and isinstance(future.exception(), KilledWorker):
            return index, Lost(f"Dask gave up on it: {future.exception()}")
        return index, future.result()

    def close(self) -> None:
        if self._client is not None:
            self._client.cancel([*self._index, *self._warming])
            self._client.close()
            self._client, self._warming = None, []


Executor = InProcess | ProcessPool | DaskCluster


def choose(workers: int | None = None, dask: str | None = None) -> Executor:
    """The executor the command line asks for: a Dask cluster, else `workers` local processes
    (default: one per core), in this process for one."""
    if dask:
        return DaskCluster(dask)
    workers = workers or cores()
    return ProcessPool(workers) if workers > 1 else InProcess()


def spec_of(extractor: Extractor) -> Spec:
    # The pipeline the parent actually has: where no trained one is installed, the workers use the blank one too.
    return Spec(extractor.profile, extractor.pipeline.trained, extractor.key)


def extract_all(extractor: Extractor, articles: list[Article], executor: Executor | None = None,
                progress: Progress | None = None, failures: list[Failure] | None = None) -> Iterator[Extraction]:
    """The extraction of every article, in input order, whatever runs it.

    Batches go out as the executor can take them; progress counts articles done across workers.
    A batch whose worker died is sent again once; if it dies again its articles go to `failures`
    and the run goes on. If the run stops (an error, ctrl+c), the extractions already back are
    still handed on before the error, so the caller can keep them.
    """
    from .extract import Extraction

    executor = executor or InProcess()
    if len(articles) < executor.min_articles:
        executor = InProcess()
    failures = [] if failures is None else failures
    executor.start(extractor)
    try:
        size = max(1, min(BATCH_ARTICLES, math.ceil(len(articles) / executor.capacity)))
        batches = [articles[i:i + size] for i in range(0, len(articles), size)]
        queue, tries = deque(range(len(batches))), [0] * len(batches)
        results: dict[int, list[Extraction]] = {}
        running = done = emitted = 0
        if progress:
            progress("extracting", 0, len(articles))
        stopped = None
        try:
            while queue or running:
                while queue and running < executor.capacity:
                    index = queue.popleft()
                    executor.submit(index, [replace(a, raw="", notes=[]) for a in batches[index]])
                    running += 1
                while emitted in results:  # handed on once the workers have their next batches, so they work meanwhile
                    yield from results.pop(emitted)
                    emitted += 1
                index, outcome = executor.next_done()
                running -= 1
                tries[index] += 1
                if isinstance(outcome, Lost):
                    if tries[index] < 2:
                        queue.appendleft(index)
                        continue
                    failures.extend(Failure(article, outcome.reason) for article in batches[index])
                    results[index] = []
                else:
                    key, found = outcome
                    if key != extractor.key:
                        raise UserError(f"The workers extract with {key}, this machine with {extractor.key}: install "
                                        "the same ceasetalk version and English pipeline on both.")
                    results[index] = [Extraction(a, p, f) for a, (p, f) in zip(batches[index], found, strict=True)]
                done += len(batches[index])
                if progress:
                    progress("extracting", done, len(articles))
        except (Exception, KeyboardInterrupt) as exc:
            stopped = exc
        for index in sorted(results):  # the rest; after a stop, what came back out of order is not lost with the run
            yield from results.pop(index)
        if stopped is not None:
            raise stopped
    finally:
        executor.close()
