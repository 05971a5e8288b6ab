"""Reading articles: formats, boilerplate, metadata precedence, ids, bad inputs."""
from __future__ import annotations

import datetime as dt
import io

import pytest

from ceasetalk.core.boilerplate import clean
from ceasetalk.core.dates import infer_published
from ceasetalk.core.errors import UserError
from ceasetalk.core.ingest import Overrides, article_id, build_article, expand, load

from ..conftest import ARTICLES, SEEDS


def test_plain_text_article_gets_title_from_first_line_and_content_id():
    article = load(ARTICLES / "sudan_jeddah.txt")
    assert article.kind == "text"
    assert article.title == "Sudan's warring parties return to Jeddah talks as famine spreads"
    assert article.id == article_id(article.text)
    assert len(article.id) == 16
    assert "Rapid Support Forces arrived in Jeddah on Monday" in article.text


def test_boilerplate_lines_are_removed_and_article_lines_kept():
    article = load(ARTICLES / "sudan_jeddah.txt")
    for furniture in ("Skip to main content", "Menu", "Share this article", "Advertisement",
                      "Read more", "Please enter your email address", "All rights reserved",
                      "(Jane Doe/Agence Example)"):
        assert furniture not in article.text
    assert article.text.count("\n\n\n") == 0
    assert "More than 10 million people have been displaced" in article.text
    assert article.raw.startswith("Skip to main content")  # the raw text is kept as read


def test_boilerplate_heuristic_keeps_subheads_and_sentences_that_use_ui_words():
    text = ("Talks resume\nHome secretary resigns\nRelated talks collapse\nShare of aid trucks rose to 40.\n"
            "Share\nRead more:\nimage_001.JPG")
    cleaned = clean(text)
    assert cleaned.text.split("\n") == ["Talks resume", "Home secretary resigns", "Related talks collapse",
                                         "Share of aid trucks rose to 40."]


def test_photo_captions_are_removed_but_their_dates_date_the_article():
    text = ("Truce holds in Tigray\n"
            "Residents queue for aid in Mekelle on November 4, 2022. (Photographer/Example Agency)\n"
            "The truce signed in Pretoria on November 2, 2022 held for a second day.")
    cleaned = clean(text)
    assert cleaned.captions == ["Residents queue for aid in Mekelle on November 4, 2022. (Photographer/Example Agency)"]
    assert "Mekelle" not in cleaned.text
    assert infer_published(cleaned.captions, cleaned.text) == "2022-11-04"


def test_publication_date_falls_back_to_the_latest_explicit_date_in_the_text_never_today():
    assert infer_published([], "Talks opened on 3 May 2024 and resumed on May 9, 2024.") == "2024-05-09"
    assert infer_published([], "Talks resumed on Tuesday, officials said.") is None
    future = infer_published([], "Elections are due on June 5, 2031.", today=dt.date(2024, 1, 1))
    assert future is None


def test_seed_004_is_dated_from_its_caption_and_002_named_by_its_source_line(seeds_without_sidecar):
    article_004 = load(seeds_without_sidecar / "004_1d0790ea471c3ceb.txt")
    assert (article_004.published, article_004.published_from) == ("2024-03-30", "text")
    article_002 = load(seeds_without_sidecar / "002_8007d8b7ad854ea8.txt")
    assert article_002.outlet == "Le Parisien"
    assert "Source: Le Parisien" not in article_002.text
    assert article_002.title.startswith("On the way to a truce in Gaza?")  # "Skip to content" is gone


def test_sidecar_gives_outlet_and_date_and_leaves_unknown_dates_unknown():
    article = load(SEEDS / "003_3bca4a51c52861e2.txt")
    assert (article.outlet, article.published, article.published_from) == ("Al Jazeera", "2024-05-05", "sidecar")
    undated = load(SEEDS / "000_b2b95cfc99eaff20.txt")
    assert undated.published is None and undated.outlet is None


def test_markdown_front_matter_and_markup_are_read():
    article = load(ARTICLES / "yemen_truce.md")
    assert article.kind == "markdown"
    assert article.title == "Houthis and Saudi negotiators discuss truce extension"
    assert (article.outlet, article.published, article.published_from) == ("Example Gulf Daily", "2023-04-12", "front matter")
    assert "**" not in article.text and "](" not in article.text and "photo.jpg" not in article.text
    assert "reopening of Sanaa airport to more destinations" in article.text  # soft breaks joined


def test_precedence_is_flags_then_front_matter_then_sidecar(tmp_path):
    (tmp_path / "sources.toml").write_text('["a.md"]\noutlet = "Sidecar Times"\npublished = "2024-01-01"\n')
    (tmp_path / "a.md").write_text("---\noutlet: Front Matter Post\n---\nTalks resumed in Doha on Sunday.\n")
    article = load(tmp_path / "a.md")
    assert (article.outlet, article.published) == ("Front Matter Post", "2024-01-01")
    flagged = load(tmp_path / "a.md", Overrides(outlet="Flag Wire", published="2024-02-03", title="Mine"))
    assert (flagged.outlet, flagged.published, flagged.published_from, flagged.title) == (
        "Flag Wire", "2024-02-03", "flag", "Mine")


def test_html_main_text_and_metadata_come_through_trafilatura():
    article = load(ARTICLES / "colombia_talks.html")
    assert article.kind == "html"
    assert article.title == "Colombia and ELN agree to extend ceasefire"
    assert article.outlet == "Andes Example News"
    assert article.published == "2024-02-06"
    assert "extend their bilateral ceasefire by 180 days" in article.text
    for furniture in ("Sign in", "Unrelated story", "All rights reserved", "Share this article"):
        assert furniture not in article.text
    assert article.raw.lstrip().startswith("<!DOCTYPE html>")


def test_html_is_recognised_by_content_on_stdin():
    html = (ARTICLES / "colombia_talks.html").read_bytes()
    article = load("-", stdin=io.BytesIO(html))
    assert article.kind == "html" and article.source == "<stdin>"


def test_escape_sequences_and_bidi_overrides_never_reach_the_text():
    article = build_article("Talks \x1b[31mresume\x1b[0m\x1b]0;pwned\x07 in \u202eCairo\u202c\x00 today.", "text", "x")
    assert article.text == "Talks resume in Cairo today."


def test_same_cleaned_text_has_the_same_id_whatever_the_boilerplate():
    a = build_article("Talks resume in Doha.\nAdvertisement", "text", "a")
    b = build_article("Skip to content\nTalks resume in Doha.", "text", "b")
    assert a.id == b.id


def test_folder_expansion_skips_hidden_files_and_the_sidecar(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.html").write_text("<p>x</p>")
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / ".hidden.txt").write_text("x")
    (tmp_path / "sources.toml").write_text("")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    assert [p.name for p in expand([str(tmp_path)])] == ["a.txt", "b.html"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "is a binary file, not text"),
        (b"   \n\n\t\n", "empty article"),
        (b"Share this article\nAdvertisement\nRead more\n", "empty article"),
    ],
)
def test_unusable_files_are_refused_with_a_reason(tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(UserError, match=message):
        load(path)


def test_non_utf8_text_is_read_with_a_fallback_and_a_note(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Négociations à Doha : le Hamas réclame un cessez-le-feu durable et la libération "
                     "des détenus.".encode("cp1252"))
    article = load(path)
    assert "réclame un cessez-le-feu" in article.text
    assert len(article.notes) == 1 and "not valid UTF-8; read it as" in article.notes[0]


def test_bad_dates_in_metadata_name_their_origin(tmp_path):
    (tmp_path / "a.md").write_text("---\ndate: next spring\n---\nTalks resumed.\n")
    with pytest.raises(UserError, match=r"published date \(front matter\).*YYYY-MM-DD"):
        load(tmp_path / "a.md")


def test_broken_front_matter_is_reported_with_its_line(tmp_path):
    (tmp_path / "a.md").write_text("---\ntitle: ok\noutlet: [unclosed\n---\nTalks resumed.\n")
    with pytest.raises(UserError, match="front matter is not valid YAML at line"):
        load(tmp_path / "a.md")
