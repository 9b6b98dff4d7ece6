"""Quote hygiene for every shipped text: short attributed quotes, no copied runs.

The default scenario is built from one news article that the repository does not
hold. What these tests need of it is in ``fixtures/article/ngrams.txt``: for each
paragraph (p0 = headline … p22) the truncated SHA-256 digests of its word n-grams
(3 to 12 words), and the digests of every 8-word run of the whole article. Digests
are not the article's text, yet they answer the two questions asked here: does a
text share a run of 8 consecutive words with the article, and is a quotation the
article's exact words in the paragraph it cites.

The file was made once from the article with this module's own code::

    .venv/bin/python tests/test_quotes.py ARTICLE.txt > tests/fixtures/article/ngrams.txt

Rules checked (issue 11, point 6; DESIGN.md section 2):

- every quotation in a shipped text (scenario TOML files, fact sheets and any other
  TOML beside a scenario, the Markdown docs, player-facing strings in ``game/``) is
  at most 12 words, inside quotation marks, and attributed;
- outside quotation marks, no shipped text shares 8 or more consecutive words with
  the article.
"""

from __future__ import annotations

import ast
import hashlib
import re
import sys
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import tomli

ROOT = Path(__file__).resolve().parent.parent
NGRAMS = Path(__file__).resolve().parent / "fixtures" / "article" / "ngrams.txt"
RUN = 8
"""Fewer consecutive words than this may coincide with the article; this many may not."""
MAX_QUOTE = 12
"""The longest quotation allowed, in words."""
SHORTEST_CHECKED = 3
"""Quotations shorter than this are too short to be told apart from ordinary words."""
PARAGRAPHS = 23
DIGITS = 12
"""Hex digits kept of each SHA-256 digest (48 bits: no chance collision in a few thousand)."""

QUOTED = re.compile(r"“([^”]*)”|\"([^\"]*)\"")
"""Double quotation marks, curly or straight; single quotes mark names, not quotations."""
PROBE = 6
"""A quotation sharing this many consecutive words with the article quotes it (fewer
coincide by chance: our own "who have fled their homes" is five of the article's words)."""
CITATION = re.compile(r"\bp(\d{1,2})\b")


def words(text: str) -> list[str]:
    """Lower-case words; punctuation, apostrophe style and number separators ignored."""
    text = text.lower().replace("’", "'").replace("‘", "'")
    return re.findall(r"[a-z0-9]+", text)


def digest(seq: list[str] | tuple[str, ...]) -> str:
    return hashlib.sha256(" ".join(seq).encode()).hexdigest()[:DIGITS]


def ngrams(seq: list[str], n: int) -> Iterator[tuple[str, ...]]:
    return (tuple(seq[i : i + n]) for i in range(len(seq) - n + 1))


def make_table(article: str) -> str:
    """The fixture's text: digests only, made from the article's text."""
    paras = [line for line in article.split("\n") if line.strip()]
    out = [
        "# Digests of the default scenario's source article; see tests/test_quotes.py.",
        f"paragraphs {len(paras)}",
        "run " + " ".join(sorted({digest(g) for g in ngrams(words(article), RUN)})),
    ]
    for index, para in enumerate(paras):
        for n in range(SHORTEST_CHECKED, MAX_QUOTE + 1):
            grams = sorted({digest(g) for g in ngrams(words(para), n)})
            out.append(f"p{index} {n} " + " ".join(grams))
    return "\n".join(out) + "\n"


class Table:
    """The fixture, read: runs of the whole article and n-grams per paragraph."""

    def __init__(self, text: str) -> None:
        self.paragraphs = 0
        self.runs: set[str] = set()
        self.grams: dict[tuple[int, int], set[str]] = {}
        for line in text.splitlines():
            if not line or line.startswith("#"):
                continue
            head, *rest = line.split(" ")
            if head == "paragraphs":
                self.paragraphs = int(rest[0])
            elif head == "run":
                self.runs = set(rest)
            else:
                self.grams[(int(head[1:]), int(rest[0]))] = set(rest[1:])

    def copied(self, text: str) -> str | None:
        """The first run of RUN words ``text`` shares with the article, if any."""
        for gram in ngrams(words(text), RUN):
            if digest(gram) in self.runs:
                return " ".join(gram)
        return None

    def draws_on_article(self, quote: str) -> bool:
        """Whether ``quote`` shares a run of PROBE words with any paragraph."""
        n = PROBE
        known = set().union(*(g for (_, size), g in self.grams.items() if size == n))
        return any(digest(gram) in known for gram in ngrams(words(quote), n))

    def in_paragraph(self, quote: str, paragraph: int) -> bool:
        seq = words(quote)
        return digest(seq) in self.grams.get((paragraph, len(seq)), set())


@cache
def table() -> Table:
    return Table(NGRAMS.read_text(encoding="utf-8"))


# --------------------------------------------------------------------------------------
# The shipped texts


def toml_strings(data: Any, path: str = "") -> Iterator[tuple[str, str, dict[str, Any]]]:
    """Every string value in a TOML document: (dotted path, text, enclosing table)."""
    if isinstance(data, dict):
        for key, value in data.items():
            if isinstance(value, str):
                yield f"{path}.{key}".lstrip("."), value, data
            else:
                yield from toml_strings(value, f"{path}.{key}".lstrip("."))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            if isinstance(value, str):
                yield f"{path}[{index}]", value, {}
            else:
                yield from toml_strings(value, f"{path}[{index}]")


def shipped_tomls() -> list[Path]:
    return sorted((ROOT / "scenarios").rglob("*.toml"))


def shipped_docs() -> list[Path]:
    docs = [ROOT / "README.md", *sorted((ROOT / "scenarios").rglob("*.md"))]
    docs += sorted((ROOT / "seeds").glob("*.md"))
    docs += sorted((ROOT / "docs").rglob("*.md")) if (ROOT / "docs").is_dir() else []
    return [doc for doc in docs if doc.is_file()]


def game_strings() -> Iterator[tuple[str, str]]:
    """String constants in the game's code (player-facing words live there too)."""
    for module in sorted((ROOT / "game").rglob("*.py")):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                yield f"{module.relative_to(ROOT)}:{node.lineno}", node.value


def texts() -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(where, text, enclosing TOML table or {}) for every shipped text."""
    for file in shipped_tomls():
        data = tomli.loads(file.read_text(encoding="utf-8"))
        for path, text, table_ in toml_strings(data):
            yield f"{file.relative_to(ROOT)}: {path}", text, table_
    for doc in shipped_docs():
        for number, line in enumerate(doc.read_text(encoding="utf-8").splitlines(), 1):
            yield f"{doc.relative_to(ROOT)}:{number}", line, {}
    for where, text in game_strings():
        yield where, text, {}


def quote_tables() -> Iterator[tuple[str, dict[str, Any]]]:
    """Tables whose whole ``text`` is a quotation: briefing quotes and framing."""
    for file in shipped_tomls():
        data = tomli.loads(file.read_text(encoding="utf-8"))
        briefing = data.get("briefing", {})
        for key in ("quotes", "framing"):
            for index, entry in enumerate(briefing.get(key, [])):
                yield f"{file.relative_to(ROOT)}: briefing.{key}[{index}]", entry


def is_exempt(where: str) -> bool:
    """Texts that are quotations as a whole, and checked as such by their own test.

    A briefing quote or framing text is the source's words by definition (the
    briefing shows it in quotation marks with its speaker); a bibliographic citation
    repeats the article's headline word for word, as a citation must.
    """
    return (
        re.search(r"briefing\.(sources\[\d+\]\.title|(quotes|framing)\[\d+\]\.text)$", where)
        is not None
    )


def outside_quotes(text: str) -> str:
    return " … ".join(QUOTED.split(text)[::3])


def quotations(text: str) -> list[str]:
    return [a or b for a, b in QUOTED.findall(text)]


# --------------------------------------------------------------------------------------
# Tests


def test_the_fixture_covers_the_whole_article() -> None:
    assert table().paragraphs == PARAGRAPHS
    assert len(table().runs) > 500
    for paragraph in range(PARAGRAPHS):
        assert table().grams[(paragraph, SHORTEST_CHECKED)], f"p{paragraph} has no words"


def test_the_checks_would_catch_a_copy_and_pass_our_own_words() -> None:
    """Not vacuous: the Renzi quotation (p22) is known to the fixture, a paraphrase is not."""
    assert table().in_paragraph("will do whatever is necessary for Italy's security", 22)
    assert not table().in_paragraph("will do whatever is necessary for Italy's security", 21)
    assert not table().in_paragraph("would do anything needed to keep Italy safe", 22)
    headline = "NATO's Libyan puppet regime bombs Misrata amid escalating civil war"
    assert table().copied(headline) is not None
    assert table().copied("The government bombed Misrata as the civil war grew worse") is None


def test_no_shipped_text_copies_the_article_outside_quotation_marks() -> None:
    copied = [
        f"{where}: {run!r}"
        for where, text, _ in texts()
        if not is_exempt(where) and (run := table().copied(outside_quotes(text)))
    ]
    assert not copied, f"{RUN}+ words of the article outside quotation marks:\n" + "\n".join(copied)


def test_quotations_of_the_article_inside_texts_are_short() -> None:
    """Any quotation that draws on the article, wherever it is shipped, is short.

    Quotation marks around other words (a setting's invented speech, an example value
    in the format guide) quote nothing and are not limited here.
    """
    long = [
        f"{where}: “{quote}”"
        for where, text, _ in texts()
        for quote in quotations(text)
        if len(words(quote)) > MAX_QUOTE and table().draws_on_article(quote)
    ]
    assert not long, f"quotations over {MAX_QUOTE} words:\n" + "\n".join(long)


def test_quotations_of_the_article_in_toml_texts_are_attributed() -> None:
    """A quotation of the article sits in a table that names a speaker or cites a paragraph."""
    unattributed = []
    for where, text, enclosing in texts():
        if not where.split(":")[0].endswith(".toml"):
            continue
        for quote in quotations(text):
            if len(words(quote)) < SHORTEST_CHECKED:
                continue
            if not any(table().in_paragraph(quote, p) for p in range(PARAGRAPHS)):
                continue
            named = any(enclosing.get(key) for key in ("by", "speaker", "source"))
            if not (named or CITATION.search(text)):
                unattributed.append(f"{where}: “{quote}”")
    assert not unattributed, "quotations without a speaker or source:\n" + "\n".join(unattributed)


def test_briefing_quotes_are_short_attributed_and_verbatim_from_their_paragraph() -> None:
    problems = []
    for where, entry in quote_tables():
        text, source = entry["text"], entry.get("source", "")
        of_article = CITATION.fullmatch(source.split(",")[0].strip()) is not None
        if len(words(text)) > MAX_QUOTE and (of_article or table().draws_on_article(text)):
            problems.append(f"{where}: {len(words(text))} words")
        if not entry.get("by", "").strip():
            problems.append(f"{where}: no speaker")
        cited = [int(p) for p in CITATION.findall(source)]
        long_enough = len(words(text)) >= SHORTEST_CHECKED
        if of_article and long_enough and not any(table().in_paragraph(text, p) for p in cited):
            problems.append(f"{where}: “{text}” is not in {source}")
    assert not problems, "\n".join(problems)


def test_fact_sheet_quotations_are_verbatim_from_the_cited_paragraph() -> None:
    checked = 0
    problems = []
    for file in sorted((ROOT / "scenarios").rglob("facts.toml")):
        for fact in tomli.loads(file.read_text(encoding="utf-8")).get("fact", []):
            paragraph = CITATION.fullmatch(fact.get("source", ""))
            for quote in quotations(fact["text"]):
                quote = quote.rstrip(".")
                if paragraph is None or len(words(quote)) < SHORTEST_CHECKED:
                    continue
                checked += 1
                if fact["kind"] == "quote" and not fact.get("speaker"):
                    problems.append(f"{fact['id']}: no speaker")
                if not table().in_paragraph(quote, int(paragraph.group(1))):
                    problems.append(f"{fact['id']}: “{quote}” is not in {fact['source']}")
    assert checked
    assert not problems, "\n".join(problems)


if __name__ == "__main__":
    # Regenerate the fixture: python tests/test_quotes.py ARTICLE.txt > fixture
    sys.stdout.write(make_table(Path(sys.argv[1]).read_text(encoding="utf-8")))
