"""What `check` tells a curator about drafts: how many wait, which look wrong, what must be filled in;
and, per article, what the replies to an upload say waits for review."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from bot.curation.drafting.flags import flag_drafts
from bot.knowledge.schema import PROVINCE_TO_FILL, Article, KnowledgeBase


def drafts_per_file(kb: KnowledgeBase) -> dict[str, int]:
    counts: Counter[str] = Counter(located.file for located in kb.drafts)
    return dict(sorted(counts.items()))


def fill_line(article: Article) -> str | None:
    """What of the article's metadata still holds the drafter's placeholder, or None."""
    if PROVINCE_TO_FILL in (article.province, article.district):
        return f'articles/{article.id}.txt: chưa có tên tỉnh/huyện (giá trị "{PROVINCE_TO_FILL}"): cần điền'
    return None


def to_fill(kb: KnowledgeBase) -> list[str]:
    """Articles whose metadata still holds the drafter's placeholder."""
    out = []
    for article in (*kb.articles.values(), *kb.draft_articles.values()):
        line = fill_line(article)
        if line:
            out.append(line)
    return out


@dataclass(frozen=True)
class ArticleDrafts:
    """One article's drafts waiting for review."""

    article: Article
    ids: tuple[str, ...]
    flagged: dict[str, list[str]]  # the drafts that look wrong, with the reasons
    to_fill: str | None  # the placeholder still in its metadata

    @property
    def count(self) -> int:
        return len(self.ids)


def waiting_for_review(kb: KnowledgeBase, flags: dict[str, list[str]] | None = None) -> list[ArticleDrafts]:
    """The articles with drafts, in the order of their ids."""
    flags = flag_drafts(kb) if flags is None else flags
    ids: dict[str, list[str]] = defaultdict(list)
    articles: dict[str, Article] = {}
    for located in kb.drafts:
        ids[located.article.id].append(located.id)
        articles[located.article.id] = located.article
    return [
        ArticleDrafts(
            article=articles[key],
            ids=tuple(found),
            flagged={i: flags[i] for i in found if i in flags},
            to_fill=fill_line(articles[key]),
        )
        for key, found in sorted(ids.items())
    ]


def review_lines(kb: KnowledgeBase, show_ids: bool = False) -> list[str]:
    lines: list[str] = []
    if kb.drafts:
        flags = flag_drafts(kb)
        lines.append(f"Bản nháp chờ duyệt (draft: true, bot chưa dùng): {len(kb.drafts)} mục")
        by_file: dict[str, list[str]] = defaultdict(list)
        kinds: dict[str, Counter[str]] = defaultdict(Counter)
        for located in kb.drafts:
            by_file[located.file].append(located.id)
            kinds[located.file][located.entry.kind] += 1
        for file, ids in sorted(by_file.items()):
            detail = ", ".join(f"{k} {v}" for k, v in sorted(kinds[file].items()))
            flagged = sum(1 for i in ids if i in flags)
            marked = f"; {flagged} mục có dấu hiệu sai (⚠)" if flagged else ""
            lines.append(f"  {file}: {len(ids)} mục nháp ({detail}){marked}")
            if show_ids:
                for ident in ids:
                    lines.append(f"    - {ident}" + (" ⚠" if ident in flags else ""))
                    lines.extend(f"        ⚠ {reason}" for reason in flags.get(ident, ()))
        if not show_ids:
            lines.append("  (thêm --drafts để xem mã từng mục; duyệt: python -m bot draft --accept TỆP --ids …|--all)")
        elif flags:
            lines.append(
                "  Mục ⚠: đọc lại và sửa trước khi duyệt; --all không duyệt chúng nếu không có --force "
                "(bỏ mục: python -m bot draft --accept TỆP --reject mã1,mã2)"
            )
    fill = to_fill(kb)
    if fill:
        lines.append("Cần điền:")
        lines.extend(f"  {line}" for line in fill)
    return lines
