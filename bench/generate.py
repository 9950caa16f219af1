"""Generate a synthetic corpus in the repository's format: laws and SOP chapters in English, Arabic and Kurdish.

Deterministic for a given seed, so that runs compare. The text is nonsense in the three scripts but has the
shapes the tools meet in real chapters: headings with ids, paragraphs, lists, tables, code blocks, linked and
plain-text citations, Arabic-Indic digits, ZWNJ inside Kurdish words.

Example:
    python bench/generate.py --out /tmp/corpus --laws 2000 --articles 20 --chapters 99 --sections 60
"""

from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path

EN_WORDS = ("investigator victim shelter evidence interview judge border residence permit smuggler trafficker "
            "referral interpreter statement witness document passport labour exploitation child safety record "
            "court prosecution procedure report network payment transport recruitment").split()
AR_WORDS = ("المحقق الضحية المأوى الدليل المقابلة القاضي الحدود الإقامة المهرب المتاجر الإحالة المترجم الإفادة "
            "الشاهد الوثيقة الجواز العمل الاستغلال الطفل السلامة السجل المحكمة الادعاء الإجراء").split()
CKB_WORDS = ("لێکۆڵەر قوربانی حەوانەوە بەڵگە چاوپێکەوتن دادوەر سنوور نیشتەجێبوون قاچاخچی ڕەوانەکردن "
             "وەرگێڕ لێدوان شایەت بەڵگەنامە پاسپۆرت کار چەوساندنەوە منداڵ سەلامەتی تۆمار دادگا "
             "دەکرێ\u200cت نووسینگە").split()
WORDS = {"en": EN_WORDS, "ar": AR_WORDS, "ckb": CKB_WORDS}
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
ORDINAL = {"en": ["First", "Second", "Third", "Fourth"], "ar": ["أولاً", "ثانياً", "ثالثاً", "رابعاً"],
           "ckb": ["یەکەم", "دووەم", "سێیەم", "چوارەم"]}


def article_heading(lang: str, n: int) -> str:
    return {"en": f"Article {n}", "ar": f"المادة ({n})", "ckb": f"ماددەی {str(n).translate(ARABIC_INDIC)}"}[lang]


def sentence(rng: random.Random, lang: str, n: int = 14) -> str:
    return " ".join(rng.choice(WORDS[lang]) for _ in range(n)) + "."


def citation(rng: random.Random, lang: str, law: int, article: int) -> str:
    target = f"law:iq/gen-law-{law}#{article}"
    if rng.random() < 0.5:
        return "[](" + target + ")"
    label = {"en": f"Article {article} of Law No. {law} of 2001",
             "ar": f"المادة ({article}) من القانون رقم ({law}) لسنة 2001",
             "ckb": f"ماددەی ({str(article).translate(ARABIC_INDIC)})ی یاسای ژمارە ({str(law).translate(ARABIC_INDIC)})"}[lang]
    return f"[{label}]({target})"


def law_files(rng: random.Random, n: int, articles: int) -> dict[str, str]:
    files = {"law.yml": (f'id: iq/gen-law-{n}\ntype: law\njurisdiction: iq\nnumber: "{n}"\nyear: "2001"\n'
                         f'title:\n  en: Generated Law {n}\n  ar: القانون المولد {n}\n  ckb: یاسای دروستکراو {n}\n'
                         'authoritative: ar\ntext_status: summary\n')}
    for lang in ("en", "ar", "ckb"):
        out = [f"# {lang} law {n}", "", "> Generated text for benchmarks.", ""]
        for a in range(1, articles + 1):
            out += [f"## {article_heading(lang, a)} {{#{a}}}", "", sentence(rng, lang, 30), ""]
            if a % 3 == 0:
                for p in range(1, 3):
                    out += [f"### {ORDINAL[lang][p - 1]} {{#{a}.{p}}}", "", sentence(rng, lang, 20), ""]
        files[f"{lang}.md"] = "\n".join(out)
    return files


def chapter_text(rng: random.Random, lang: str, number: int, sections: int, laws: int, articles: int,
                 cites: random.Random) -> str:
    """`rng` chooses the words; `cites` the citations, seeded alike for every language so that translations cite
    what their source cites (rng.choice draws a varying number of bits, so one stream would not stay aligned)."""
    out = ["---", f"id: ch{number}", f"title: Generated chapter {number}", "status: draft",
           'reviewed: "2026-01-01"', "---", "", sentence(rng, lang), ""]
    for s in range(1, sections + 1):
        level = "##" if s % 4 == 1 else "###"
        out += [f"{level} {rng.choice(WORDS[lang])} {s} {{#c{number}-s{s}}}", ""]
        for _ in range(3):
            linked = " ".join(citation(cites, lang, cites.randrange(1, laws + 1), cites.randrange(1, articles + 1))
                              for _ in range(2))
            out += [f"{sentence(rng, lang)} {linked} {sentence(rng, lang, 8)}", ""]
        out += [f"- {sentence(rng, lang, 6)}", f"- [ ] {sentence(rng, lang, 6)}", ""]
        if s % 10 == 0:
            out += ["| a | b |", "| --- | --- |", f"| {rng.choice(WORDS[lang])} | 12 |", "",
                    "```", "## not a heading [x](law:none)", "```", ""]
    return "\n".join(out)


def generate(out: Path, laws: int, articles: int, chapters: int, sections: int, seed: int = 1) -> Path:
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    (out / "sop").mkdir(parents=True)
    (out / "sop.yml").write_text("source_language: en\nlanguages: [en, ar, ckb]\n", encoding="utf-8")
    for n in range(1, laws + 1):
        folder = out / "laws" / "iq" / f"gen-law-{n}"
        folder.mkdir(parents=True)
        for name, text in law_files(rng, n, articles).items():
            (folder / name).write_text(text, encoding="utf-8")
    for c in range(1, chapters + 1):
        for lang in ("en", "ar", "ckb"):
            suffix = "" if lang == "en" else f".{lang}"
            text = chapter_text(random.Random(seed * 1000 + c), lang, c, sections, laws, articles,
                                random.Random(seed * 7919 + c))
            (out / "sop" / f"{c:02d}-generated-{c}{suffix}.md").write_text(text, encoding="utf-8")
    (out / "translations.lock.yml").write_text(translation_lock(out), encoding="utf-8")
    return out


def translation_lock(out: Path) -> str:
    """The lock `sop i18n mark` would write for the generated chapters: every translation follows its source (the
    generator writes the three languages together). Chapters are parsed alone: the laws are not needed."""
    from sopkit.load import chapter_from_text
    from sopkit.model import Corpus, Settings, TranslationRecord
    from sopkit.translations.lock import render
    from sopkit.translations.units import unit_fingerprint, unit_ids

    settings = Settings()
    chapters = [chapter_from_text(f"sop/{p.name}", p.read_text(encoding="utf-8"), settings)
                for p in sorted((out / "sop").glob("*.md"))]
    corpus = Corpus(str(out), None, settings, {}, tuple(chapters), ())
    records = {(c.key, t.lang, unit): TranslationRecord(unit_fingerprint(c, unit), None, 0)
               for c in chapters if c.is_source for t in chapters if not t.is_source and t.key == c.key
               for unit in unit_ids(c)}
    return render(corpus, records)


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, required=True, help="folder to write (replaced if it exists)")
    ap.add_argument("--laws", type=int, default=500)
    ap.add_argument("--articles", type=int, default=20, help="articles per law")
    ap.add_argument("--chapters", type=int, default=40, help="at most 99: chapter numbers have two digits")
    ap.add_argument("--sections", type=int, default=40, help="sections per chapter")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    if not 1 <= args.chapters <= 99:
        ap.error("--chapters must be between 1 and 99")
    generate(args.out, args.laws, args.articles, args.chapters, args.sections, args.seed)
    size = sum(p.stat().st_size for p in args.out.rglob("*") if p.is_file())
    print(f"wrote {args.out}: {args.laws} laws, {args.chapters} chapters x 3 languages, {size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
