"""Citations as they are written in public texts no one in this project wrote: the yardstick of issue 12.

`data/citations-real-world.jsonl` holds excerpts (court news, council and parliament texts, UN, NGO and US
reports, Kurdish news, law journals), each with the address it came from and, in order, every bundled law a
lawyer reads in it with the provisions cited (`[]` when the law is named as a whole). A law that is not bundled
is left out of `expect`: the finder may report it, unresolved. Rows whose source reads "shape seen in …" were
written in the exact shape of real texts where the stored pages held too few.
What is compared is where a reader is sent, in order: consecutive citations of the same law count as one run
(`قانون العقوبات … (المواد 300-305)`, `البند (أولاً) من المادة (61) والبند (ثالثاً) من المادة (73) من الدستور`,
"Article 6 … and Article 7 of the same law"), so how a finder splits such a run into spans is not judged; the
laws, their order and every provision are.
`data/citations-real-world-negative.jsonl` holds excerpts in which no bundled law may be reported: another
state's code or constitution, the Arab League's protocol, an interim constitution, Kurdistan Region laws,
numbers that are counts, dates or decision numbers.

`python tests/test_citations_real_world.py` prints the score per language. A row the finder is known to miss
says why in `known_miss`; it counts as a miss in the score.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tools"))  # when run as a script, outside pytest's conftest

from sopkit.citations.find import find_citations  # noqa: E402
from sopkit.citations.resolve import law_names, resolve_citations  # noqa: E402
from sopkit.load import load_corpus  # noqa: E402

DATA = Path(__file__).resolve().parent / "data"
LANGS = ("ar", "ckb", "en")
CORPUS, _ = load_corpus(REPO)
NAMES = law_names(CORPUS)


def _table(name: str) -> list[dict]:
    return [json.loads(line) for line in (DATA / name).read_text(encoding="utf-8").splitlines() if line.strip()]


CITING = _table("citations-real-world.jsonl")
NOT_CITING = _table("citations-real-world-negative.jsonl")


def laws_cited(text: str) -> list[tuple[str, list[str]]]:
    """The (law, provisions) a lawyer would be pointed to, in order: every citation resolved to a bundled law,
    whatever its status (a provision missing from a working summary is still the one cited)."""
    return [(r.law, list(r.provisions)) for r in resolve_citations(find_citations(text, NAMES), CORPUS) if r.law]


def expected(row: dict) -> list[tuple[str, list[str]]]:
    return [(e["law"], e["provisions"]) for e in row["expect"]]


def runs(cited: list[tuple[str, list[str]]]) -> list[tuple[str, list[str]]]:
    """Consecutive citations of one law merged, their provisions in order: a law named and then its articles,
    or provisions sharing one mention of the law, are one run whether found as one citation or several."""
    merged: list[tuple[str, list[str]]] = []
    for law, provisions in cited:
        if merged and merged[-1][0] == law:
            merged[-1][1].extend(provisions)
        else:
            merged.append((law, list(provisions)))
    return merged


def right(row: dict) -> bool:
    return runs(laws_cited(row["text"])) == runs(expected(row))


def _id(row: dict) -> str:
    return f"{row['lang']}: {row['text'][:40]}"


def _marked(row: dict):
    """A row the finder is known to miss carries `known_miss` (why): it is expected to fail, strictly, so that
    the day it passes the mark is taken off."""
    return pytest.param(row, marks=pytest.mark.xfail(reason=row["known_miss"], strict=True)) if "known_miss" in row \
        else row


@pytest.mark.parametrize("row", [_marked(r) for r in CITING], ids=_id)
def test_real_citation_is_found_and_resolved(row):
    assert runs(laws_cited(row["text"])) == runs(expected(row)), row["source"]


@pytest.mark.parametrize("row", NOT_CITING, ids=_id)
def test_no_bundled_law_is_reported(row):
    assert laws_cited(row["text"]) == [], row["why"]


def _sample(rows: list[dict], per_lang: int) -> list[dict]:
    return [row for lang in LANGS for row in [r for r in rows if r["lang"] == lang][:per_lang]]


@pytest.mark.parametrize("row", _sample(CITING, 2) + _sample(NOT_CITING, 1), ids=_id)
def test_sop_cite_json_agrees(row):
    """The command a user runs, on a few rows per language: the same laws and provisions as the library."""
    done = subprocess.run([sys.executable, "-m", "sopkit.cli", "cite", "--format", "json", "--root", str(REPO), "-"],
                          input=row["text"], capture_output=True, text=True, encoding="utf-8")
    assert done.returncode in (0, 1), done.stderr
    cited = [(c["law"], c["provisions"]) for c in json.loads(done.stdout)["citations"] if c["law"]]
    assert runs(cited) == runs(expected(row) if "expect" in row else [])


def scores() -> dict[str, dict[str, int]]:
    """Per language: positive rows got exactly right, their number, and negative rows with a bundled law
    reported (false positives), their number."""
    out = {lang: Counter() for lang in LANGS}
    for row in CITING:
        out[row["lang"]]["total"] += 1
        out[row["lang"]]["right"] += right(row)
    for row in NOT_CITING:
        out[row["lang"]]["negatives"] += 1
        out[row["lang"]]["false_positives"] += bool(laws_cited(row["text"]))
    return {lang: dict(c) for lang, c in out.items()}


def main() -> None:
    for lang, s in scores().items():
        print(f"{lang:4} found right {s['right']:3}/{s['total']:3} ({100 * s['right'] / s['total']:5.1f} %)   "
              f"false positives {s['false_positives']:3}/{s['negatives']:3}")


if __name__ == "__main__":
    main()
