"""Killing an ingest at any moment loses nothing; two writers at once lose nothing.

CI runs small counts; the README's Reliability section gives the command for the full ones
(CEASETALK_CRASH_ARTICLES=300 CEASETALK_CRASH_KILLS=30).
"""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from ceasetalk.core.store import Store

ROOT = Path(__file__).resolve().parents[2]
CLI = Path(sys.executable).parent / "ceasetalk"
ARTICLES = int(os.environ.get("CEASETALK_CRASH_ARTICLES", "30"))
KILLS = int(os.environ.get("CEASETALK_CRASH_KILLS", "6"))


def _corpus(folder: Path, n: int) -> Path:
    sys.path.insert(0, str(ROOT / "bench"))
    from corpus import generate

    generate(n, folder)
    return folder


def _ingest(db: Path, folder: Path) -> subprocess.Popen:
    return subprocess.Popen([str(CLI), "--db", str(db), "ingest", "--profile", "gaza", str(folder)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _dump(db: Path) -> dict:
    store = Store(db)
    meta = store.meta()
    return {
        "articles": sorted((a.id, a.title, a.outlet, a.published) for a in store.articles()),
        "records": sorted((r["id"], r["kind"], r["article"], r["start"]) for r in store.records()),
        "texts": sorted((a.id, store.text(a.id)) for a in store.articles()),
        "meta": (meta.get("profile"), meta.get("extractor")),
    }


def _consistent(db: Path) -> int:
    """The store opens, and every stored article has all its records and its text."""
    store = Store(db)
    counts: dict[str, int] = {}
    for record in store.records():
        counts[record["article"]] = counts.get(record["article"], 0) + 1
    raw = store._storage.read() or {}
    for article_id, article in raw.get("articles", {}).items():
        assert counts.get(article_id, 0) == article["records"], f"article {article_id} lost records"
        assert store.text(article_id)
    return len(raw.get("articles", {}))


def test_sigkill_during_ingest_loses_nothing(tmp_path):
    folder = _corpus(tmp_path / "corpus", ARTICLES)
    reference, crashed = tmp_path / "reference" / "store.json", tmp_path / "crashed" / "store.json"
    assert _ingest(reference, folder).wait(timeout=900) == 0
    rng = random.Random(11)
    survived = 0
    for _ in range(KILLS):
        process = _ingest(crashed, folder)
        time.sleep(rng.uniform(1.0, 4.0 + ARTICLES * 0.05))
        process.send_signal(signal.SIGKILL)
        process.wait()
        if crashed.exists():
            _consistent(crashed)
        survived += 1
    assert _ingest(crashed, folder).wait(timeout=900) == 0
    assert _dump(crashed) == _dump(reference)
    print(f"\nreliability: {survived} kills of an ingest of {ARTICLES} articles survived; "
          f"records lost: 0; final store identical to an uninterrupted run")


def test_two_writers_at_once_lose_no_write(tmp_path):
    folder = _corpus(tmp_path / "corpus", 16)
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    for i, path in enumerate(sorted(folder.glob("*.txt"))):
        path.rename((first if i % 2 else second) / path.name)
    db = tmp_path / "shared" / "store.json"
    one, two = _ingest(db, first), _ingest(db, second)
    assert one.wait(timeout=600) == 0 and two.wait(timeout=600) == 0
    assert _consistent(db) == 16


def test_sigkill_during_profile_switches_never_leaves_a_mix_unseen(tmp_path):
    from ceasetalk.core.library import is_stale, mixed_articles

    folder = _corpus(tmp_path / "corpus", ARTICLES)
    db = tmp_path / "switching" / "store.json"
    assert _ingest(db, folder).wait(timeout=900) == 0
    profiles = [str(ROOT / "tests" / "fixtures" / "other_conflicts" / "profiles" / "sudan.toml"), "gaza"]
    rng = random.Random(7)
    kills = max(KILLS // 2, 2)
    for n in range(kills):
        process = subprocess.Popen([str(CLI), "--db", str(db), "reextract", "--profile", profiles[n % 2]],
                                   env={**os.environ, "CEASETALK_BATCH": "4"}, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(1.0, 3.0 + ARTICLES * 0.05))
        process.send_signal(signal.SIGKILL)
        process.wait()
        _consistent(db)
        store = Store(db)
        assert not mixed_articles(store) or is_stale(store)  # a mix is always seen
    finish = subprocess.run([str(CLI), "--db", str(db), "reextract", "--resume"], capture_output=True, timeout=900)
    assert finish.returncode == 0, finish.stderr
    store = Store(db)
    assert not mixed_articles(store) and not is_stale(store)
    assert set(store.extractors().values()) == {store.meta()["extractor"]}
    print(f"\nreliability: {kills} kills of a profile switch over {ARTICLES} articles: every mix seen and "
          "finished by reextract --resume")
