"""Synthetic knowledge bases of any size, copied from the real one, for the scale benchmark.

A base of N entries holds the real ``knowledge/`` directory and then copies of its articles,
round robin, each under an invented district name, until there are N entries (the last copy
is cut short). In a copy:

- the district's name is replaced everywhere it occurs: article text, title, front matter,
  every field of every entry;
- the figures are changed: every number that a figure entry's ``value`` shows is mapped to
  ``n * multiplier + offset`` (both drawn per copy from the seed) and printed as the article
  prints it (``2.401`` thousands, ``98,4`` decimals, ``07`` zero padded), identically in the
  article and its entries, so every quote still occurs verbatim in its article and every
  number shown still occurs in its quote. Numbers that are also dates, years, times or parts
  of document names (``18/5/2021``, ``2023``, ``05-CT/TW``, ``Chỉ thị số 05``) are kept, whole
  percentages too; a decimal percentage changes its decimals (``98,4%`` -> ``98,5%``).

``examples.yaml`` keeps the examples that name a district (see :func:`_write_examples`).

Invented names are two syllables from Vietnamese place names, checked against every province
and district of the ``vietnam-provinces`` data that the bot's gazetteer uses, so that the bot
does not take them for real places it must decline.

Generation is deterministic (seeded) and cached under a temporary directory keyed by size,
seed and the content of the source directory; a cached base was validated with
``bot.knowledge.loading.load`` before it was stored.

    .venv/bin/python -m tests.benchmarks.synth 10000      # prints where the base is
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import shutil
import tempfile
import time
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import yaml

from bot.language.folding import fold

ROOT = Path(__file__).resolve().parents[2]
KNOWLEDGE = ROOT / "knowledge"
DEFAULT_SEED = 20250805
MANIFEST = "synth.json"
EXAMPLES = "examples.yaml"
# Bump when the generated content changes, so that stale cached bases are not reused.
GENERATOR_VERSION = 2

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

# Syllables of real Vietnamese place names; pairs of them sound like a district, and the pairs
# that are real provinces or districts are filtered out against the data set.
SYLLABLES = (
    "An", "Bảo", "Bình", "Cẩm", "Cát", "Châu", "Diên", "Đại", "Định", "Đông", "Gia", "Hà", "Hải",
    "Hàm", "Hậu", "Hiệp", "Hòa", "Hoài", "Hồng", "Hưng", "Khánh", "Kim", "Lạc", "Lâm", "Long",
    "Lộc", "Lương", "Mai", "Mỹ", "Nam", "Nghĩa", "Ngọc", "Nhơn", "Ninh", "Phong", "Phú", "Phước",
    "Quang", "Quế", "Quỳnh", "Sơn", "Tam", "Tân", "Thạch", "Thái", "Thanh", "Thịnh", "Thuận",
    "Tiên", "Tịnh", "Trà", "Trung", "Tường", "Uyên", "Vạn", "Vân", "Vĩnh", "Xuân", "Yên", "Điền",
    "Đức", "Giang", "Hạnh", "Khê", "Liêm", "Lợi", "Nguyên", "Quới", "Thọ", "Tiến", "Trạch",
    "Tuyền", "Vượng", "Bích", "Cường",
)  # fmt: skip

# A whole number as printed: 2.401, 98,4, 85.300.00, 07 (not the tail of 2.401 nor the 2 of m2).
NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*(?!\d)")
_THOUSANDS = re.compile(r"^\d{1,3}(?:\.\d{3})+$")
# After these words a number names something (a document, a term), it is not a figure.
_NAMING_WORDS = re.compile(r"(?:số|thị|luận|quyết|định|khóa|khoá|hoạch|văn|lần thứ|thứ)\s+$", re.IGNORECASE)


# ---------------------------------------------------------------- the source base


@dataclass(frozen=True)
class Source:
    """One real article and its facts file, parsed."""

    id: str
    district: str
    meta: dict[str, Any]
    text: str
    facts: dict[str, Any]

    @property
    def entries(self) -> list[dict[str, Any]]:
        entries: list[dict[str, Any]] = self.facts["entries"]
        return entries


def read_sources(knowledge: Path = KNOWLEDGE) -> list[Source]:
    sources = []
    for path in sorted((knowledge / "articles").glob("*.txt")):
        meta, text = split_front_matter(path.read_text(encoding="utf-8"))
        facts = yaml.load((knowledge / "facts" / f"{path.stem}.yaml").read_text(encoding="utf-8"), Loader=_LOADER)
        sources.append(Source(id=path.stem, district=str(meta["district"]), meta=meta, text=text, facts=facts))
    return sources


def split_front_matter(raw: str) -> tuple[dict[str, Any], str]:
    _, head, text = re.split(r"^---[ \t]*$", raw, maxsplit=2, flags=re.MULTILINE)
    meta = yaml.load(head, Loader=_LOADER)
    return meta, text.strip("\n") + "\n"


def source_fingerprint(knowledge: Path = KNOWLEDGE) -> str:
    digest = hashlib.sha256(f"v{GENERATOR_VERSION}".encode())
    for path in sorted([*knowledge.glob("articles/*.txt"), *knowledge.glob("facts/*.yaml"), *knowledge.glob("*.yaml")]):
        digest.update(path.relative_to(knowledge).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


# ---------------------------------------------------------------- invented names


def _key(name: str) -> tuple[str, ...]:
    return tuple(re.findall(r"[a-z0-9]+", fold(name)))


_DIVISION_PREFIXES = ("Thành phố ", "Tỉnh ", "Huyện ", "Quận ", "Thị xã ")


def real_place_keys() -> frozenset[tuple[str, ...]]:
    """Folded names of every province and district in the data set the bot's gazetteer reads."""
    from vietnam_provinces import NESTED_DIVISIONS_JSON_PATH

    with open(NESTED_DIVISIONS_JSON_PATH, encoding="utf-8") as fh:
        provinces = json.load(fh)
    names = [p["name"] for p in provinces] + [d["name"] for p in provinces for d in p["districts"]]
    keys = set()
    for name in names:
        for prefix in _DIVISION_PREFIXES:
            name = name.removeprefix(prefix)
        keys.add(_key(name))
    return frozenset(keys)


def invented_names(count: int, seed: int, avoid: Iterable[str] = ()) -> list[str]:
    """``count`` unique district names (unique also without diacritics) that no province or
    district of Vietnam carries, in a seeded order."""
    real = real_place_keys()
    taken = {_key(name) for name in avoid}
    syllables = list(dict.fromkeys(SYLLABLES))
    rng = random.Random(seed)

    def candidates() -> Iterator[list[str]]:
        pairs = [[a, b] for a in syllables for b in syllables if _key(a) != _key(b)]
        rng.shuffle(pairs)
        yield from pairs
        while True:  # past the pairs, three syllables (only for bases of millions of entries)
            yield rng.sample(syllables, 3)

    names: list[str] = []
    for parts in candidates():
        if len(names) == count:
            break
        key = _key(" ".join(parts))
        # no real place may hide inside the name either ("Vĩnh Long" is a province)
        inner = {key[i:j] for i in range(len(key)) for j in range(i + 1, len(key) + 1)}
        if key in taken or inner & real:
            continue
        taken.add(key)
        names.append(" ".join(parts))
    return names


def slug(name: str) -> str:
    return "-".join(_key(name))


# ---------------------------------------------------------------- rewriting one copy


@dataclass(frozen=True)
class Figures:
    """How one copy changes its figures: n -> n * multiplier + offset, printed as before."""

    multiplier: int
    offset: int

    def rewrite(self, number: str) -> str:
        if number.isdigit() or _THOUSANDS.match(number):
            value = int(number.replace(".", "")) * self.multiplier + self.offset
            if number.isdigit() and len(number) > 1 and number.startswith("0"):
                return str(value).zfill(len(number))  # "07"
            if number.isdigit() and (len(number) >= 4 or value < 1000):
                return str(value)  # "2500kg" stays unseparated
            return _thousands(value)
        # a decimal (98,4 / 2.5 / 13.75) or an odd grouping (85.300.00): change the integer part
        head, rest = re.fullmatch(r"(\d+)(.*)", number).groups()  # type: ignore[union-attr]
        value = int(head) * self.multiplier + self.offset
        return (str(value).zfill(len(head)) if head.startswith("0") else str(value)) + rest

    def rewrite_decimals(self, number: str) -> str:
        """98,4 -> 98,7: a share changes without passing 100."""
        match = re.fullmatch(r"(\d+[.,])(\d+)", number)
        if match is None:
            return number
        shift = self.offset % 9 + 1
        return match.group(1) + "".join(str((int(d) + shift) % 10) for d in match.group(2))


def _thousands(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _is_protected(text: str, start: int, end: int) -> bool:
    """Is the number at text[start:end] part of a date, time, code or name rather than a figure?"""
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    after2 = text[end + 1] if end + 1 < len(text) else " "
    if before in "-/:" or after in "/:" or (after == "-" and not after2.isspace()):
        return True
    number = text[start:end]
    if number.isdigit() and len(number) == 4 and 1900 <= int(number) <= 2100:
        return True  # a year
    return _NAMING_WORDS.search(text[max(0, start - 12) : start]) is not None


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _strings(item)


def figure_numbers(source: Source, figures: Figures) -> dict[str, str]:
    """Each number a figure entry shows -> its new spelling in the copy. Numbers that also occur
    as a date, year, time or name anywhere in the article or its entries are kept (changing them
    there would break the date checks), and so are whole percentages (a share stays at most
    100%); a decimal percentage changes its decimals instead (98,4% -> 98,7%)."""
    shown = {n for e in source.entries if e.get("kind") == "figure" for n in NUMBER.findall(str(e.get("value", "")))}
    protected, percent = set(), set()
    entries = [{k: v for k, v in e.items() if k != "id"} for e in source.entries]  # ids are renamed
    for text in (source.text, *_strings(source.meta), *_strings(entries)):
        for match in NUMBER.finditer(text):
            if _is_protected(text, match.start(), match.end()):
                protected.add(match.group())
            if text[match.end() : match.end() + 2].lstrip().startswith("%"):
                percent.add(match.group())
    out = {}
    for number in sorted(shown - protected):
        if number not in percent:
            out[number] = figures.rewrite(number)
        elif not number.isdigit():
            out[number] = figures.rewrite_decimals(number)
    return out


def rewriter(old_name: str, new_name: str, numbers: dict[str, str]) -> Callable[[str], str]:
    """The one function applied to every string of a copy, article and entries alike."""
    names = [(old_name, new_name), (old_name.upper(), new_name.upper())]

    def number(match: re.Match[str]) -> str:
        return numbers.get(match.group(), match.group())

    def rewrite(text: str) -> str:
        for old, new in names:
            text = text.replace(old, new)
        return NUMBER.sub(number, text)

    return rewrite


def _rewrite_all(value: Any, rewrite: Callable[[str], str]) -> Any:
    if isinstance(value, str):
        return rewrite(value)
    if isinstance(value, list):
        return [_rewrite_all(v, rewrite) for v in value]
    if isinstance(value, dict):
        return {k: _rewrite_all(v, rewrite) for k, v in value.items()}
    return value


@dataclass(frozen=True)
class Copy:
    """One invented district: which article it copies and how its figures changed."""

    article: str
    district: str
    source: str
    source_district: str
    multiplier: int
    offset: int
    entries: int
    complete: bool


def copy_article(source: Source, index: int, district: str, seed: int, limit: int | None) -> tuple[Copy, str, str]:
    """The copy's article file and facts file (as text) and what it is."""
    rng = random.Random(f"{seed}:{index}")
    figures = Figures(multiplier=rng.randint(2, 4), offset=rng.randint(1, 40))
    numbers = figure_numbers(source, figures)
    rewrite = rewriter(source.district, district, numbers)
    article_id = slug(district)
    entries = source.entries if limit is None else source.entries[:limit]

    meta = dict(source.meta)
    # the date, the province and the original file name stay as they are: they are no figures
    meta.update({k: _rewrite_all(meta[k], rewrite) for k in ("title", "author", "notes") if k in meta})
    meta.update(id=article_id, district=district)
    meta["notes"] = [
        *meta.get("notes", []),
        f"Bản sao tổng hợp của bài '{source.id}' cho đo hiệu năng: huyện {district} là tên bịa, "
        f"các con số đã đổi theo n × {figures.multiplier} + {figures.offset}.",
    ]
    article = "---\n" + _dump(meta) + "---\n" + rewrite(source.text)

    new_entries: list[dict[str, Any]] = []
    for entry in entries:
        new = _rewrite_all(entry, rewrite)
        new["id"] = _entry_id(article_id, entry["id"], len(new_entries))
        new_entries.append(new)
    facts = f"# Bản sao tổng hợp của facts/{source.id}.yaml (huyện bịa {district})\n" + _dump(
        {"article": article_id, "entries": new_entries}
    )
    copy = Copy(
        article=article_id,
        district=district,
        source=source.id,
        source_district=source.district,
        multiplier=figures.multiplier,
        offset=figures.offset,
        entries=len(new_entries),
        complete=len(new_entries) == len(source.entries),
    )
    return copy, article, facts


def _entry_id(article_id: str, original: str, position: int) -> str:
    rest = original.split("-", 1)[1] if "-" in original else original  # drop the district prefix (bd-, ct-…)
    candidate = f"{article_id}-{rest}"
    return candidate if len(candidate) <= 48 else f"{article_id}-e{position:03d}"


def _dump(data: Any) -> str:
    return str(yaml.dump(data, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=1_000_000))


# ---------------------------------------------------------------- whole bases


@dataclass(frozen=True)
class SynthBase:
    directory: Path
    size: int
    seed: int
    copies: tuple[Copy, ...]
    generate_seconds: float
    validate_seconds: float
    cached: bool

    def complete_copies(self, source_district: str) -> list[Copy]:
        return [c for c in self.copies if c.source_district == source_district and c.complete]


def generate(size: int, directory: Path, seed: int = DEFAULT_SEED, knowledge: Path = KNOWLEDGE) -> list[Copy]:
    """Write a base of exactly ``size`` entries into ``directory`` (which must not exist)."""
    sources = read_sources(knowledge)
    real_entries = sum(len(s.entries) for s in sources)
    if size < real_entries:
        raise ValueError(f"a synthetic base holds at least the real base's {real_entries} entries (asked {size})")
    directory.mkdir(parents=True)
    shutil.copytree(knowledge / "articles", directory / "articles")
    shutil.copytree(knowledge / "facts", directory / "facts")
    _write_examples(knowledge / EXAMPLES, directory / EXAMPLES, [s.district for s in sources])

    # enough names for the worst case (the smallest article every time), used in order
    smallest = min(len(s.entries) for s in sources)
    names = invented_names(-(-(size - real_entries) // smallest) + 1, seed, avoid=[s.district for s in sources])
    copies: list[Copy] = []
    remaining = size - real_entries
    index = 0
    while remaining > 0:
        source = sources[index % len(sources)]
        limit = remaining if remaining < len(source.entries) else None
        copy, article, facts = copy_article(source, index, names[index], seed, limit)
        (directory / "articles" / f"{copy.article}.txt").write_text(article, encoding="utf-8")
        (directory / "facts" / f"{copy.article}.yaml").write_text(facts, encoding="utf-8")
        copies.append(copy)
        remaining -= copy.entries
        index += 1
    return copies


def _write_examples(source: Path, target: Path, districts: list[str]) -> None:
    """The examples that name a district. The bot answers every example at each build and refuses
    a base where one fails; an example naming no district ("Mô hình Túi an sinh công đoàn là của
    ai?") has one answer among five districts but tens of equal ones among hundreds, so the
    curators of a base that size would name the district. Keeping it would measure a refusal."""
    if not source.exists():
        return
    data = yaml.load(source.read_text(encoding="utf-8"), Loader=_LOADER)
    keys = [fold(d) for d in districts]
    kept = [q for q in data.get("examples", []) if any(k in fold(q) for k in keys)]
    target.write_text(
        "# The real base's examples that name a district (see tests/benchmarks/synth.py)\n" + _dump({"examples": kept}),
        encoding="utf-8",
    )


def validate(directory: Path) -> int:
    """Load the base as the bot does (schema and provenance); the number of entries."""
    from bot.knowledge.loading import load

    return len(load(directory).entries)


def cache_root() -> Path:
    return Path(os.environ.get("BOT_BENCH_CACHE") or Path(tempfile.gettempdir()) / "bot-bench-synth")


def ensure_base(
    size: int, seed: int = DEFAULT_SEED, knowledge: Path = KNOWLEDGE, cache: Path | None = None
) -> SynthBase:
    """The cached base of ``size`` entries, generated and validated first if needed."""
    root = cache or cache_root()
    directory = root / f"kb-{size}-seed{seed}-{source_fingerprint(knowledge)}"
    manifest = directory / MANIFEST
    if manifest.exists():
        data = json.loads(manifest.read_text(encoding="utf-8"))
        return SynthBase(
            directory=directory,
            size=size,
            seed=seed,
            copies=tuple(Copy(**c) for c in data["copies"]),
            generate_seconds=data["generate_seconds"],
            validate_seconds=data["validate_seconds"],
            cached=True,
        )
    root.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f"kb-{size}-", dir=root)) / "kb"
    try:
        started = time.perf_counter()
        copies = generate(size, work, seed, knowledge)
        generated = time.perf_counter() - started
        started = time.perf_counter()
        loaded = validate(work)
        validated = time.perf_counter() - started
        if loaded != size:
            raise RuntimeError(f"generated base holds {loaded} entries, expected {size}")
        record = {"size": size, "seed": seed, "generate_seconds": generated, "validate_seconds": validated}
        (work / MANIFEST).write_text(
            json.dumps({**record, "copies": [asdict(c) for c in copies]}, ensure_ascii=False, indent=1),
            encoding="utf-8",
        )
        if directory.exists():  # another run finished first
            shutil.rmtree(directory)
        work.rename(directory)
    finally:
        shutil.rmtree(work.parent, ignore_errors=True)
    return SynthBase(directory, size, seed, tuple(copies), generated, validated, cached=False)


# ---------------------------------------------------------------- questions


def retarget(question: str, district: str, new_district: str) -> str | None:
    """The question with ``district`` replaced by ``new_district``, typed the way the question
    typed it (with or without diacritics, any case); None when it does not name the district.
    Matching on the folded form also finds names typed with a wrong tone ("Bù Đôp")."""
    text = unicodedata.normalize("NFC", question)
    folded = fold(text)
    if len(folded) != len(text):  # folding changed the length: positions would not line up
        return None
    match = re.search(rf"(?<![a-z0-9]){re.escape(fold(district))}(?![a-z0-9])", folded)
    if match is None:
        return None
    typed = text[match.start() : match.end()]
    if fold(typed) == typed.lower():  # typed without diacritics
        replacement = fold(new_district)
        if typed[:1].isupper():
            replacement = replacement.title()
    else:
        replacement = new_district.upper() if typed.isupper() else new_district
    return text[: match.start()] + replacement + text[match.end() :]


def main() -> None:
    parser = argparse.ArgumentParser(description="Generate (or find in the cache) a synthetic knowledge base.")
    parser.add_argument("size", type=int, help="number of entries")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args()
    base = ensure_base(args.size, args.seed)
    state = "cached" if base.cached else "generated"
    print(
        f"{base.directory} ({state}: {len(base.copies)} invented districts, "
        f"generated in {base.generate_seconds:.1f} s, validated in {base.validate_seconds:.1f} s)"
    )


if __name__ == "__main__":
    main()
