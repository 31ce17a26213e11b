"""What `check` tells a curator about drafts: how many wait, and what must be filled in."""

from __future__ import annotations

from collections import Counter, defaultdict

from bot.knowledge.schema import PROVINCE_TO_FILL, KnowledgeBase


def drafts_per_file(kb: KnowledgeBase) -> dict[str, int]:
    counts: Counter[str] = Counter(located.file for located in kb.drafts)
    return dict(sorted(counts.items()))


def to_fill(kb: KnowledgeBase) -> list[str]:
    """Articles whose metadata still holds the drafter's placeholder."""
    out = []
    for article in (*kb.articles.values(), *kb.draft_articles.values()):
        if PROVINCE_TO_FILL in (article.province, article.district):
            out.append(f'articles/{article.id}.txt: chưa có tên tỉnh/huyện (giá trị "{PROVINCE_TO_FILL}"): cần điền')
    return out


def review_lines(kb: KnowledgeBase, show_ids: bool = False) -> list[str]:
    lines: list[str] = []
    if kb.drafts:
        lines.append(f"Bản nháp chờ duyệt (draft: true, bot chưa dùng): {len(kb.drafts)} mục")
        by_file: dict[str, list[str]] = defaultdict(list)
        kinds: dict[str, Counter[str]] = defaultdict(Counter)
        for located in kb.drafts:
            by_file[located.file].append(located.id)
            kinds[located.file][located.entry.kind] += 1
        for file, ids in sorted(by_file.items()):
            detail = ", ".join(f"{k} {v}" for k, v in sorted(kinds[file].items()))
            lines.append(f"  {file}: {len(ids)} mục nháp ({detail})")
            if show_ids:
                lines.extend(f"    - {ident}" for ident in ids)
        if not show_ids:
            lines.append("  (thêm --drafts để xem mã từng mục; duyệt: python -m bot draft --accept TỆP --ids …|--all)")
    fill = to_fill(kb)
    if fill:
        lines.append("Cần điền:")
        lines.extend(f"  {line}" for line in fill)
    return lines
