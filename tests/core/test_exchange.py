"""`extract --out` writes JSON Lines partitions other tools read as they are; `ingest --records`
merges them through the same path as a JSON document."""
from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path

import pytest

from ceasetalk.core.exchange import write_partitions
from ceasetalk.core.executors import extract_all
from ceasetalk.core.extract import Extractor
from ceasetalk.core.library import read_inputs
from ceasetalk.core.profiles import resolve_profile
from ceasetalk.core.resources import seeds_dir
from ceasetalk.core.store import Store

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    spec = importlib.util.spec_from_file_location("bench_corpus", ROOT / "bench" / "corpus.py")
    corpus = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(corpus)
    folder = tmp_path_factory.mktemp("generated")
    corpus.generate(18, folder)
    return folder


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(resolve_profile("gaza"))


@pytest.fixture
def partitioned(tmp_path, extractor) -> Path:
    """The seeds in partitions of two articles (three files), with their texts."""
    articles, _ = read_inputs([str(seeds_dir())])
    folder = tmp_path / "parts"
    assert write_partitions(folder, extract_all(extractor, articles), extractor, "test", with_text=True, size=2) == (5, 3)
    return folder


def _lines(folder: Path) -> list[dict]:
    return [json.loads(line) for part in sorted(folder.glob("part-*.jsonl")) for line in part.read_text().splitlines()]


def test_partitions_hold_the_json_documents_articles_line_by_line(run, tmp_path, generated):
    code, out, _ = run("extract", "--json", "--with-text", "--profile", "gaza", "--workers", "1", str(generated))
    assert code == 0
    document = json.loads(out)
    folder = tmp_path / "out"
    code, _, err = run("extract", "--json", "--with-text", "--profile", "gaza", "--workers", "2", "--out", str(folder),
                       str(generated))
    assert code == 0 and f"wrote 18 articles to {folder} in 1 partition" in err
    assert sorted(p.name for p in folder.iterdir()) == ["_manifest.json", "part-00000.jsonl"]
    assert json.loads((folder / "_manifest.json").read_text()) == {k: v for k, v in document.items() if k != "articles"}
    assert _lines(folder) == document["articles"]


def test_a_folder_of_partitions_merges_like_the_json_document(run, db, tmp_path, partitioned):
    code, out, _ = run("extract", "--json", "--with-text", "--profile", "gaza", str(seeds_dir()))
    (tmp_path / "seeds.json").write_text(out)
    direct = tmp_path / "direct.json"
    assert run("--db", str(direct), "ingest", "--records", str(tmp_path / "seeds.json"), use_db=False)[0] == 0
    code, out, _ = run("ingest", "--records", str(partitioned))
    assert code == 0 and out.count("added") == 5
    merged, expected = Store(db), Store(direct)
    assert sorted(merged.records(), key=lambda r: r["id"]) == sorted(expected.records(), key=lambda r: r["id"])
    assert merged.meta()["extractor"] == expected.meta()["extractor"] and merged.meta()["profile"] == "gaza"
    code, out, _ = run("ingest", "--records", str(partitioned / "part-00001.jsonl"))
    assert code == 0 and out.count("present") == 2


def test_a_bad_line_is_one_sentence_and_the_other_articles_merge(run, db, partitioned):
    part = partitioned / "part-00000.jsonl"
    first, second = part.read_text().splitlines()
    part.write_text(first + "\n" + second[:40] + "\n")
    code, out, err = run("ingest", "--records", str(partitioned))
    assert code == 1 and out.count("added") == 4
    assert f"{part}, line 2: not JSON" in err and "Traceback" not in err


def test_a_partition_without_its_manifest_is_refused(run, tmp_path, partitioned):
    alone = tmp_path / "alone"
    alone.mkdir()
    shutil.copy(partitioned / "part-00000.jsonl", alone)
    code, _, err = run("ingest", "--records", str(alone / "part-00000.jsonl"))
    assert code == 1 and "no _manifest.json" in err


def test_out_never_mixes_two_runs_in_one_folder(run, partitioned):
    code, _, err = run("extract", "--json", "--out", str(partitioned), str(seeds_dir() / "000_b2b95cfc99eaff20.txt"))
    assert code == 1 and "already holds extraction output" in err
    assert len(_lines(partitioned)) == 5


def test_dask_reads_the_partitions_as_they_are(partitioned):
    bag = pytest.importorskip("dask.bag")
    rows = bag.read_text(str(partitioned / "part-*.jsonl")).map(json.loads)
    assert rows.pluck("id").compute(scheduler="sync") == [row["id"] for row in _lines(partitioned)]
