"""One map, three executors: in this process, a local process pool and a Dask cluster give the same
bytes; a worker that dies has its batch retried once, then reported, and nothing else is lost."""
from __future__ import annotations

import importlib.util
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from functools import partial
from pathlib import Path

import pytest

from ceasetalk.core.executors import (
    DaskCluster,
    InProcess,
    ProcessPool,
    WorkerError,
    extract_all,
    extract_batch,
)
from ceasetalk.core.extract import Extractor, to_json
from ceasetalk.core.library import read_inputs
from ceasetalk.core.profiles import resolve_profile
from ceasetalk.core.resources import seeds_dir

ROOT = Path(__file__).resolve().parents[2]


def _generate(n: int, folder: Path) -> None:
    """bench/corpus.py's articles: seed paragraphs recombined with perturbed numbers, dates and parties."""
    spec = importlib.util.spec_from_file_location("bench_corpus", ROOT / "bench" / "corpus.py")
    corpus = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(corpus)
    corpus.generate(n, folder)


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(resolve_profile("gaza"))


@pytest.fixture(scope="module")
def corpora(tmp_path_factory) -> dict[str, list]:
    folder = tmp_path_factory.mktemp("corpus")
    _generate(14, folder)
    return {name: read_inputs([str(path)])[0] for name, path in (("seeds", seeds_dir()), ("generated", folder))}


@pytest.fixture(scope="module")
def in_process(extractor, corpora) -> dict[str, bytes]:
    return {name: _bytes(extract_all(extractor, articles), extractor) for name, articles in corpora.items()}


def _bytes(extractions, extractor) -> bytes:
    """Everything a run hands on: the documented JSON and the store's records, in order."""
    extractions = list(extractions)
    return json.dumps({"json": to_json(extractions, extractor, "test", with_text=True),
                       "records": [e.records() for e in extractions]}, ensure_ascii=False).encode()


def _dies_once(marker: str, victim: str, spec, batch):
    """The batch holding `victim` kills its worker the first time it is extracted, as an OOM kill would."""
    if any(a.id == victim for a in batch) and not os.path.exists(marker):
        Path(marker).touch()
        os._exit(3)
    return extract_batch(spec, batch)


def _dies_always(victim: str, spec, batch):
    if any(a.id == victim for a in batch):
        os._exit(3)
    return extract_batch(spec, batch)


def _raises(spec, batch):
    raise ValueError("a bug in extraction")


@pytest.mark.parametrize("name", ["seeds", "generated"])
def test_a_process_pool_gives_the_same_bytes_as_this_process(extractor, corpora, in_process, name):
    pool = ProcessPool(2, min_articles=0)
    assert _bytes(extract_all(extractor, corpora[name], pool), extractor) == in_process[name]


@pytest.fixture(scope="module")
def cluster():
    pytest.importorskip("distributed")
    import logging

    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                      silence_logs=logging.CRITICAL) as local:
        yield local.scheduler_address


@pytest.mark.parametrize("name", ["seeds", "generated"])
def test_a_dask_cluster_gives_the_same_bytes_as_this_process(extractor, corpora, in_process, cluster, name):
    assert _bytes(extract_all(extractor, corpora[name], DaskCluster(cluster)), extractor) == in_process[name]


def test_extract_on_dask_prints_what_this_process_prints(run, cluster):
    seeds = str(seeds_dir())
    code, here, _ = run("extract", "--json", "--profile", "gaza", "--workers", "1", seeds)
    assert code == 0
    code, there, _ = run("extract", "--json", "--profile", "gaza", "--dask", cluster, seeds)
    assert code == 0 and there == here


def test_a_pool_worker_killed_mid_run_has_its_batch_retried(extractor, corpora, in_process, tmp_path):
    articles = corpora["generated"]
    marker = tmp_path / "killed"
    pool = ProcessPool(2, task=partial(_dies_once, str(marker), articles[5].id), min_articles=0)
    failures = []
    assert _bytes(extract_all(extractor, articles, pool, failures=failures), extractor) == in_process["generated"]
    assert marker.exists() and failures == []


def test_a_dask_worker_killed_mid_run_has_its_batch_retried(extractor, corpora, in_process, cluster, tmp_path):
    articles = corpora["generated"]
    marker = tmp_path / "killed"
    dask = DaskCluster(cluster, task=partial(_dies_once, str(marker), articles[5].id))
    failures = []
    assert _bytes(extract_all(extractor, articles, dask, failures=failures), extractor) == in_process["generated"]
    assert marker.exists() and failures == []


def test_a_batch_that_kills_its_worker_twice_is_reported_and_the_rest_kept(extractor, corpora):
    articles = corpora["generated"]
    pool = ProcessPool(2, task=partial(_dies_always, articles[5].id), min_articles=0)
    failures = []
    kept = list(extract_all(extractor, articles, pool, failures=failures))
    lost = [f.article for f in failures]
    assert articles[5] in lost and len(lost) < len(articles)
    assert [e.article for e in kept] == [a for a in articles if a not in lost]
    assert all(f.message.startswith(f"{f.article.source}: not extracted;") and "(exit code 3)." in f.message
               for f in failures)
    expected = {e.article.id: e.records() for e in extract_all(extractor, articles)}
    assert all(e.records() == expected[e.article.id] for e in kept)


def test_progress_counts_articles_done_across_workers(extractor, corpora):
    articles = corpora["generated"]
    steps = []
    list(extract_all(extractor, articles, ProcessPool(2, min_articles=0), lambda *step: steps.append(step)))
    assert steps[0] == ("extracting", 0, len(articles)) and steps[-1] == ("extracting", len(articles), len(articles))
    assert [done for _, done, _ in steps] == sorted(done for _, done, _ in steps)


def test_a_small_run_is_extracted_in_this_process(extractor, corpora):
    # The task would fail in a worker; below the pool's minimum it is never sent to one.
    pool = ProcessPool(2, task=_raises)
    assert len(list(extract_all(extractor, corpora["seeds"], pool))) == len(corpora["seeds"])


def test_an_exception_in_a_worker_is_a_bug_shown_with_its_traceback(extractor, corpora):
    with pytest.raises(WorkerError, match="ValueError: a bug in extraction"):
        list(extract_all(extractor, corpora["generated"], ProcessPool(2, task=_raises, min_articles=0)))


def test_in_process_progress_moves_article_by_article(extractor, corpora):
    steps = []
    list(extract_all(extractor, corpora["seeds"], InProcess(), lambda *step: steps.append(step)))
    assert [done for _, done, _ in steps] == list(range(len(corpora["seeds"]) + 1))


def test_an_unreachable_scheduler_is_one_sentence(run, monkeypatch):
    pytest.importorskip("distributed")
    monkeypatch.setattr("ceasetalk.core.executors.CONNECT_SECONDS", 1)
    code, _, err = run("extract", "--dask", "tcp://127.0.0.1:9", str(seeds_dir() / "000_b2b95cfc99eaff20.txt"))
    assert code == 1 and "No Dask scheduler answers at tcp://127.0.0.1:9" in err and "Traceback" not in err


def test_workers_and_dask_together_are_refused(run):
    code, _, err = run("extract", "--workers", "2", "--dask", "tcp://127.0.0.1:9", str(seeds_dir()))
    assert code == 1 and "give one of them" in err


def test_reextract_with_workers_keeps_the_same_records(run, db, tmp_path):
    from ceasetalk.core.store import Store

    folder = tmp_path / "corpus"
    _generate(18, folder)
    code, _, _ = run("ingest", "--profile", "gaza", "--workers", "1", str(folder))
    assert code == 0
    before = sorted(Store(db).records(), key=lambda r: r["id"])
    code, out, _ = run("reextract", "--workers", "2")
    assert code == 0 and "extracted 18 articles again" in out
    assert sorted(Store(db).records(), key=lambda r: r["id"]) == before


ORPHAN = textwrap.dedent("""
    import multiprocessing, sys, time
    from ceasetalk.core.executors import ProcessPool, extract_all
    from ceasetalk.core.extract import Extractor
    from ceasetalk.core.library import read_inputs
    from ceasetalk.core.profiles import resolve_profile

    def progress(stage, done, total):
        if done:  # the workers are at work: name them, then wait to be killed
            print(" ".join(str(p.pid) for p in multiprocessing.active_children()), flush=True)
            time.sleep(120)

    articles, _ = read_inputs([sys.argv[1]])
    list(extract_all(Extractor(resolve_profile("gaza")), articles, ProcessPool(2, min_articles=0), progress))
""")


def _running(pid: int) -> bool:
    try:
        return "\tZ" not in Path(f"/proc/{pid}/status").read_text().split("State:")[1].splitlines()[0]
    except (FileNotFoundError, IndexError):
        return False


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads process states from /proc")
def test_workers_end_when_their_parent_is_killed(tmp_path):
    folder = tmp_path / "corpus"
    _generate(24, folder)
    parent = subprocess.Popen([sys.executable, "-c", ORPHAN, str(folder)], stdout=subprocess.PIPE, text=True)
    workers = [int(pid) for pid in parent.stdout.readline().split()]
    assert len(workers) == 2
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 20
    while any(map(_running, workers)) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(map(_running, workers))


def test_dask_and_spacy_are_imported_only_when_used():
    code = "import sys, ceasetalk.core.executors, ceasetalk.core.exchange; print(' '.join(sys.modules))"
    loaded = set(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split())
    assert not {m.split(".")[0] for m in loaded} & {"dask", "distributed", "spacy"}
