"""Hostile inputs, made at run time (some are too large to keep in the repository)."""
from __future__ import annotations

import random
from pathlib import Path


def crafted(folder: Path) -> list[Path]:
    """Files that have broken text tools: one each, named after what they try."""
    rng = random.Random(3)
    items = {
        "binary.txt": bytes(range(256)) * 40,
        "nul_bytes.txt": b"Hamas demanded a ceasefire.\x00\x00\x00 Israel rejected it.",
        "invalid_utf8.txt": b"Talks \xff\xfe\xfa resumed in Doha \xc3\x28 on Monday.",
        "mixed_encodings.txt": "Négociations à Doha".encode("cp1252") + " — Hamas réclame".encode(),
        "utf16_bom.txt": "Hamas demanded a permanent ceasefire, officials said.".encode("utf-16"),
        "empty.txt": b"",
        "whitespace.txt": b" \n\t\n   \r\n",
        "one_long_line.txt": ("Hamas demanded a ceasefire and Israel refused it " * 420_000).encode(),  # ~20 MB
        "numbers.txt": " ".join(str(rng.randrange(10**6)) for _ in range(10_000)).encode(),
        "rtl.txt": ("\u0627\u0644\u0647\u062f\u0646\u0629 \u202eHamas demanded a truce\u202c \u05e9\u05dc\u05d5\u05dd. "
                    "Israel accepted 40 hostages.").encode(),
        "emoji.txt": ("\U0001f54a\ufe0f Ceasefire talks \U0001f1f6\U0001f1e6 resume; Hamas demanded a truce "
                      "\U0001f525 on Monday.").encode(),
        "ansi_osc.txt": (b"Talks \x1b[31mresume\x1b[0m \x1b]0;owned\x07 \x1b]8;;http://x.test\x1b\\link"
                         b"\x1b]8;;\x1b\\ Hamas demanded a truce."),
        "regex_bombs.txt": ("(" * 100_000 + "/" + ")" * 100_000 + "\n" + "Source: " + "a" * 50_000 + "\n"
                            + "SAN - MAY 3:" * 10_000 + "\n" + "1," * 50_000).encode(),
        "markup.txt": b"[Reuters] army [/b] left [bold red]now[/] <script>alert(1)</script> | pipes | ![x](y) [l](http://x.test)",
        "nested.html": ("<html><body>" + "<div>" * 20_000 + "Hamas demanded a ceasefire." + "</div>" * 20_000
                        + "</body></html>").encode(),
        "malformed.html": b"<html><head><title>Talks</title><body><p>Hamas <b>demanded <i>a truce</p></div></span><<<>>>"
                          b"<p>Israel rejected it.<script>while(1){}</script>",
        "front_matter.md": b"---\ntitle: [unclosed\n---\nHamas demanded a truce.\n",
        "huge_numbers.txt": b"Some 99999999999999999999999999 people were killed and 1e308 wounded, 1.5e10 displaced.",
    }
    paths = []
    for name, data in items.items():
        path = folder / name
        path.write_bytes(data)
        paths.append(path)
    return paths
