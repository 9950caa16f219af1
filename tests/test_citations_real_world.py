"""Citations as they are written in public texts no one in this project wrote: the yardstick of issue 12.

Four collections, each a table of excerpts citing bundled laws and a table of excerpts in which no bundled law
may be reported, gathered apart from one another and from different sources:

- `citations-real-world`: court news, council and parliament texts, UN, NGO and US reports, Kurdish news, law
  journals;
- `citations-held-out`: Federal Supreme Court and Supreme Judicial Council news, UN, HRW and US reports,
  Kurdish news (Kurdistan24, Esta, NRT, Sharpress, 964), Arabic legal articles;
- `citations-held-out-3`: the Iraqi parliament, law blogs and Arabic legal articles, the Federal Supreme
  Court's English news, UNODC, IOM and rights groups on Iraq, Kurdish news and Kurdistan Region legislation,
  Egyptian and Jordanian law sites for the foreign laws;
- `citations-held-out-4`: English translations of Iraqi rulings and laws, US and UN reports, Arabic court and
  ministry news, Kurdish (Sorani, Badini, Southern Kurdish) news.

A positive row holds, with the address it came from and in order, every bundled law a lawyer reads in it with
the provisions cited (`[]` when the law is named as a whole); a law that is not bundled is left out of
`expect`. A negative row holds another state's code or constitution, the Arab League's instruments, an interim
constitution, a Kurdistan Region law, or numbers that are counts, dates or decision numbers. Rows whose source
reads "shape seen in …" or "written in the shape of …" were written where the stored pages held too few: under
a third per language in the held-out collections; the first has more written Kurdish rows (real Kurdish citing
text was scarce in the stored pages).

What is compared is where a reader is sent, in order: consecutive citations of the same law count as one run
(`قانون العقوبات … (المواد 300-305)`, `البند (أولاً) من المادة (61) والبند (ثالثاً) من المادة (73) من الدستور`,
"Article 6 … and Article 7 of the same law"), so how a finder splits such a run into spans is not judged; the
laws, their order and every provision are. A row the finder is known to miss says why in `known_miss`: it is
expected to fail, strictly, so that the mark comes off the day it passes; it counts as a miss in the score.

`python tests/test_citations_real_world.py` prints the score of each collection per language.
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
# collection -> the fewest positive and negative rows each language must have
COLLECTIONS = {"citations-real-world": (40, 40), "citations-held-out": (30, 25), "citations-held-out-3": (25, 20),
               "citations-held-out-4": (20, 15)}


def _table(name: str) -> list[dict]:
    rows = [json.loads(line) for line in (DATA / name).read_text(encoding="utf-8").splitlines() if line.strip()]
    return [{**row, "collection": name.removesuffix(".jsonl").removesuffix("-negative")} for row in rows]


CITING = [row for name in COLLECTIONS for row in _table(f"{name}.jsonl")]
NOT_CITING = [row for name in COLLECTIONS for row in _table(f"{name}-negative.jsonl")]


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
    if "expect" in row:
        return runs(laws_cited(row["text"])) == runs(expected(row))
    return laws_cited(row["text"]) == []


def _id(row: dict) -> str:
    return f"{row['collection'].removeprefix('citations-')} {row['lang']}: {row['text'][:40]}"


def _marked(row: dict):
    """A row the finder is known to miss carries `known_miss` (why): it is expected to fail, strictly."""
    return pytest.param(row, marks=pytest.mark.xfail(reason=row["known_miss"], strict=True)) if "known_miss" in row \
        else row


@pytest.mark.parametrize("collection, least", COLLECTIONS.items(), ids=list(COLLECTIONS))
def test_every_language_has_its_share_of_rows(collection, least):
    """A collection is only a measure if each language has enough rows, and written rows stay a minority."""
    for lang in LANGS:
        citing = [r for r in CITING if r["lang"] == lang and r["collection"] == collection]
        not_citing = [r for r in NOT_CITING if r["lang"] == lang and r["collection"] == collection]
        assert len(citing) >= least[0] and len(not_citing) >= least[1], lang
        written = sum(r["source"].startswith(("written", "shape seen")) for r in citing + not_citing)
        assert 3 * written < len(citing) + len(not_citing) or collection == "citations-real-world", lang


@pytest.mark.parametrize("row", [_marked(r) for r in CITING], ids=_id)
def test_real_citation_is_found_and_resolved(row):
    assert runs(laws_cited(row["text"])) == runs(expected(row)), row["source"]


@pytest.mark.parametrize("row", [_marked(r) for r in NOT_CITING], ids=_id)
def test_no_bundled_law_is_reported(row):
    assert laws_cited(row["text"]) == [], row["why"]


def _sample(rows: list[dict], per_lang: int) -> list[dict]:
    return [row for lang in LANGS
            for row in [r for r in rows if r["lang"] == lang and "known_miss" not in r][:per_lang]]


@pytest.mark.parametrize("row", _sample(CITING, 2) + _sample(NOT_CITING, 1), ids=_id)
def test_sop_cite_json_agrees(row):
    """The command a user runs, on a few rows per language: the same laws and provisions as the library."""
    done = subprocess.run([sys.executable, "-m", "sopkit.cli", "cite", "--format", "json", "--root", str(REPO), "-"],
                          input=row["text"], capture_output=True, text=True, encoding="utf-8")
    assert done.returncode in (0, 1), done.stderr
    cited = [(c["law"], c["provisions"]) for c in json.loads(done.stdout)["citations"] if c["law"]]
    assert runs(cited) == runs(expected(row) if "expect" in row else [])


def scores() -> dict[tuple[str, str], dict[str, int]]:
    """Per collection and language: positive rows got exactly right, their number, and negative rows with a
    bundled law reported (false positives), their number."""
    out: dict[tuple[str, str], Counter] = {}
    for row in CITING + NOT_CITING:
        c = out.setdefault((row["collection"], row["lang"]), Counter())
        if "expect" in row:
            c["total"] += 1
            c["right"] += right(row)
        else:
            c["negatives"] += 1
            c["false_positives"] += not right(row)
    return {key: dict(c) for key, c in out.items()}


def main() -> None:
    for (collection, lang), s in sorted(scores().items()):
        print(f"{collection:22} {lang:4} found right {s['right']:3}/{s['total']:3} "
              f"({100 * s['right'] / s['total']:5.1f} %)   false positives {s['false_positives']:3}/{s['negatives']:3}")


if __name__ == "__main__":
    main()
