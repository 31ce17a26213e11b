"""The engine: a question in, an Answer out, over one immutable snapshot.

A snapshot is a validated knowledge base together with its search index.
Reloading builds and validates a complete new snapshot first and only then
replaces the reference, so a question in flight keeps the snapshot it started
with and a failed reload changes nothing (as ``nginx -s reload`` does).
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from . import lexicon
from .answer import (
    Answer,
    Suggestion,
    article_answer,
    fact_answer,
    list_answer,
    not_answered,
    suggestion_for,
)
from .knowledge import EXAMPLES_FILE, KnowledgeBase, KnowledgeError, Located, Problem, load
from .query import Query, find
from .search import Doc, Hit, Index
from .text import collapse_spaces, letter_ratio, strip_controls, tokens

MAX_QUESTION_CHARS = 500
ANSWER_MIN = 0.45  # below: not sure enough to answer
SUGGEST_MIN = 0.25  # below: nothing related enough to suggest
MIN_EVIDENCE = 2.5  # an answer needs at least about one distinctive word of the question behind it
MAX_TIES = 3  # more entries than this sharing the best score: the question does not pick one
CLOSE_CALL = 0.8  # runners-up within this share of the best are offered
COMPLEMENT = 0.75  # a runner-up this close that adds what the question asks joins the answer
SAME_ANSWER = 0.9  # with no district named, another district's entry this close is answered too
MAX_SUGGESTIONS = 3
LIST_ALL_LIMIT = 40  # a list longer than this across all districts asks for a district first
LIST_NARROW = 0.3  # a list question's extra words keep the entries covering this share of them
LIST_SHORT = 12  # a list this short is shown whole…
LIST_NARROW_SHORT = 0.5  # …unless its extra words cover this share of a few entries
LIST_AS_FACTS = 3  # a narrowed list this short is answered with the entries' full answers


@dataclass(frozen=True)
class Snapshot:
    kb: KnowledgeBase
    index: Index

    @classmethod
    def build(cls, directory: str | Path) -> Snapshot:
        kb = load(directory)
        snapshot = cls(kb=kb, index=Index(kb))
        # an example the bot cannot answer would greet every new user with a failure
        problems = [
            Problem(str(kb.directory / EXAMPLES_FILE), f"câu ví dụ #{i} không có câu trả lời: {question!r}")
            for i, question in enumerate(kb.examples, 1)
            if not Engine(snapshot).ask(question).answered
        ]
        if problems:
            raise KnowledgeError(problems)
        return snapshot


@dataclass(frozen=True)
class ReloadReport:
    added: tuple[str, ...]
    removed: tuple[str, ...]
    changed: tuple[str, ...]
    articles_added: tuple[str, ...]
    articles_removed: tuple[str, ...]
    articles_changed: tuple[str, ...]
    entries: int
    articles: int

    @property
    def unchanged(self) -> bool:
        return not (
            self.added
            or self.removed
            or self.changed
            or self.articles_added
            or self.articles_removed
            or self.articles_changed
        )


class Engine:
    def __init__(self, snapshot: Snapshot):
        self._snapshot = snapshot
        self._reload_lock = threading.Lock()

    @classmethod
    def from_directory(cls, directory: str | Path) -> Engine:
        return cls(Snapshot.build(directory))

    @property
    def snapshot(self) -> Snapshot:
        return self._snapshot

    @property
    def kb(self) -> KnowledgeBase:
        return self._snapshot.kb

    # ------------------------------------------------------------ reload

    def reload(self, directory: str | Path | None = None) -> ReloadReport:
        """Build and validate a new snapshot, then swap it in. On error
        (KnowledgeError) the current snapshot keeps serving."""
        with self._reload_lock:
            old = self._snapshot
            new = Snapshot.build(directory or old.kb.directory)
            self._snapshot = new  # one reference swap: readers see old or new, never a mix
        return diff(old.kb, new.kb)

    # ------------------------------------------------------------ asking

    def ask(self, question: str) -> Answer:
        snap = self._snapshot
        text = collapse_spaces(strip_controls(question or ""))
        problem = _input_problem(text, snap.kb)
        if problem is not None:
            return problem
        phrase = " ".join(tokens(text))
        small = _small_talk(phrase, snap.kb)
        if small is not None:
            return small
        q = snap.index.analyze(text)
        return _Responder(snap, q).respond()

    def resolve(self, action: str) -> Answer:
        """Answer a suggestion's action (e.g. a pressed button)."""
        snap = self._snapshot
        kind, _, arg = action.partition(":")
        if kind == "e":
            located = snap.kb.by_id.get(arg)
            if located is not None:
                return fact_answer([located], 1.0, _related(snap, located))
        if kind == "m":
            district = district_by_slug(snap.kb, arg)
            if district is not None or arg == "":
                return models_answer(snap, district)
        if kind == "x" and arg.isdigit() and int(arg) < len(snap.kb.examples):
            return self.ask(snap.kb.examples[int(arg)])
        return not_answered(
            "invalid",
            "Mục này không còn trong cơ sở dữ liệu (có thể vừa được cập nhật). Bạn hãy hỏi lại nhé.",
        )

    def district_named(self, text: str) -> tuple[str | None, bool]:
        """(district, recognised): which district of the base a short text names."""
        snap = self._snapshot
        if not text.strip():
            return None, True
        q = snap.index.analyze(text)
        if len(q.districts) == 1 and not q.unknown_places:
            return q.districts[0], True
        return None, False


# ---------------------------------------------------------------- helpers


def models_of(kb: KnowledgeBase, district: str | None) -> list[Located]:
    return [e for e in kb.entries if e.entry.kind == "model" and (district is None or e.district == district)]


def models_answer(snap: Snapshot, district: str | None) -> Answer:
    items = models_of(snap.kb, district)
    where = f"huyện {district}" if district else "các huyện"
    return list_answer(f"Các mô hình, phong trào ở {where}:", items, 1.0)


def district_slug(kb: KnowledgeBase, district: str) -> str:
    for article in kb.articles.values():
        if article.district == district:
            return article.id
    raise KeyError(district)


def district_by_slug(kb: KnowledgeBase, slug: str) -> str | None:
    article = kb.articles.get(slug)
    return article.district if article else None


def districts_line(kb: KnowledgeBase) -> str:
    seen: dict[str, str] = {}
    for article in kb.articles.values():
        seen.setdefault(article.district, article.province)
    return ", ".join(f"{d} ({p})" for d, p in seen.items())


def example_suggestions(kb: KnowledgeBase, limit: int = MAX_SUGGESTIONS) -> tuple[Suggestion, ...]:
    """The curators' example questions (knowledge/examples.yaml), as things to try."""
    return tuple(Suggestion(action=f"x:{i}", label=q) for i, q in enumerate(kb.examples[:limit]))


def _input_problem(text: str, kb: KnowledgeBase) -> Answer | None:
    if not text:
        return not_answered(
            "invalid",
            "Bạn chưa nhập câu hỏi. Hãy gõ một câu hỏi, ví dụ: «Bù Đốp xây được bao nhiêu căn nhà Đại đoàn kết?»",
        )
    if len(text) > MAX_QUESTION_CHARS:
        return not_answered(
            "invalid",
            f"Tin nhắn dài quá ({len(text)} ký tự). Bạn hãy hỏi ngắn gọn, dưới {MAX_QUESTION_CHARS} ký tự, "
            "mỗi lần một câu hỏi nhé.",
        )
    latin, other = letter_ratio(text)
    if latin == 0 and other == 0:
        return not_answered(
            "invalid",
            "Mình chỉ đọc được câu hỏi bằng chữ. Bạn hãy gõ câu hỏi bằng tiếng Việt, có dấu hay không dấu đều được.",
            example_suggestions(kb),
        )
    if other > latin:
        return not_answered(
            "invalid",
            "Xin lỗi, mình chỉ hiểu câu hỏi bằng tiếng Việt (có dấu hay không dấu đều "
            "được). Sorry, I only understand Vietnamese.",
            example_suggestions(kb),
        )
    return None


def _small_talk(phrase: str, kb: KnowledgeBase) -> Answer | None:
    intro = (
        "Mình trả lời các câu hỏi về kết quả học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh "
        f"(Chỉ thị 05-CT/TW, Kết luận 01-KL/TW) ở các huyện: {districts_line(kb)}, theo các bài viết đã đăng. "
        "Bạn có thể hỏi về con số (bao nhiêu nhà, bao nhiêu tiền…), về một mô hình (của ai, làm được gì), "
        "hoặc xin danh sách (Kiên Lương có những mô hình nào?)."
    )
    if phrase in lexicon.GREETINGS:
        return not_answered("smalltalk", "Xin chào! " + intro, example_suggestions(kb))
    if phrase in lexicon.HELP:
        return not_answered("smalltalk", intro, example_suggestions(kb))
    if phrase in lexicon.THANKS:
        return not_answered("smalltalk", "Không có gì! Bạn cứ hỏi tiếp nhé.")
    return None


def _related(snap: Snapshot, located: Located) -> tuple[Suggestion, ...]:
    """Other entries quoting the same passage: what a reader asks next."""
    out = []
    for other in snap.kb.entries:
        if (
            other.id != located.id
            and other.article.id == located.article.id
            and (other.entry.quote == located.entry.quote)
        ):
            out.append(suggestion_for(other))
    return tuple(out[:MAX_SUGGESTIONS])


class _Responder:
    """Turns one analysed question into an Answer."""

    def __init__(self, snap: Snapshot, q: Query):
        self.snap = snap
        self.kb = snap.kb
        self.index = snap.index
        self.q = q

    def respond(self) -> Answer:
        q = self.q
        if q.unknown_places and not q.districts:
            names = ", ".join(_place_label(p.name, p.province) for p in q.unknown_places)
            return not_answered(
                "decline",
                f"Mình chưa có bài viết nào về {names}. Mình chỉ có dữ liệu về các huyện: {districts_line(self.kb)}.",
                example_suggestions(self.kb),
            )
        if q.unanswerable:
            where = f" về huyện {', '.join(q.districts)}" if q.districts else ""
            return not_answered(
                "decline",
                f"Các bài viết{where} mà mình có không nêu thông tin này. Mình chỉ có các kết quả và mô hình học "
                "tập, làm theo Bác mà bài viết nêu; không có số điện thoại, địa chỉ, tin thời sự hay dự báo.",
                example_suggestions(self.kb),
            )
        missing_years = self._years_not_covered()
        if missing_years:
            where = f"huyện {', '.join(q.districts)}" if q.districts else "các huyện"
            return not_answered(
                "decline",
                f"Các bài viết về {where} không có số liệu năm {', '.join(missing_years)}.",
                example_suggestions(self.kb),
            )
        if q.about_article:
            return self._article_info(q.about_article)
        # "mô hình" alone, or "mô hình Kiên Lương": a list without the words of one
        residual = _residual_terms(q)
        bare_kind = (
            not q.quantity
            and not q.who
            and not q.when
            and not residual
            and any(find(q.content, words) for words in lexicon.KIND_WORDS.values())
        )
        if bare_kind and not q.list_kinds:
            q.list_kinds = [k for k, words in lexicon.KIND_WORDS.items() if find(q.content, words)]
        if (q.listing or bare_kind) and not q.quantity and not q.who and not q.when:
            listed = self._list(residual)
            if listed is not None:
                return listed
        return self._single()

    def _article_info(self, what: str) -> Answer:
        articles = [a for a in self.kb.articles.values() if not self.q.districts or a.district in self.q.districts]
        lines = []
        for article in articles:
            if what == "author":
                who = f"do tác giả {article.author} viết" if article.author else "không ghi tên tác giả"
                lines.append(f"Bài «{article.title}» (huyện {article.district}) {who}.")
            else:
                when = f"đăng ngày {article.date_label}" if article.date else "không ghi ngày đăng"
                lines.append(f"Bài «{article.title}» (huyện {article.district}) {when}.")
        return article_answer("\n".join(lines), articles)

    def _years_not_covered(self) -> list[str]:
        if not self.q.years:
            return []
        words = self.index.district_words
        present = set().union(*(w for d, w in words.items() if not self.q.districts or d in self.q.districts))
        return [y for y in self.q.years if y not in present]

    def _single(self) -> Answer:
        hits = self.index.rank(self.q)
        if not hits or hits[0].score < SUGGEST_MIN:
            return self._out_of_scope()
        best = hits[0]
        parts = self._complements(hits) if self.q.quantity else []
        if not self.q.districts and not parts:
            parts = self._other_districts(hits)
        used = {best.located.id, *(h.located.id for h in parts)}
        runners = _distinct(
            [h for h in hits[1:] if h.located.id not in used],
            best,
            lambda h: h.score >= max(CLOSE_CALL * best.score, SUGGEST_MIN),
        )
        if best.score >= ANSWER_MIN and self.q.when and not best.doc.dated:  # "ngày nào?" with no date
            return not_answered(
                "decline",
                "Bài viết có nhắc tới việc này nhưng không nêu thời gian cụ thể.",
                [suggestion_for(best.located)],
                score=best.score,
                heading="Điều bài viết có nêu:",
            )
        tied = [h for h in hits if h.score >= best.score * 0.99]
        ties = max(sum(1 for h in tied if h.located.district == best.located.district), len(tied) // 2)
        if best.score < ANSWER_MIN or best.evidence < MIN_EVIDENCE or ties > MAX_TIES:
            # too little said ("giá"), or said of too many entries alike: ask, don't guess
            options = _distinct(hits, None, lambda h: h.score >= SUGGEST_MIN)
            return not_answered(
                "clarify",
                "Mình chưa chắc đã hiểu đúng câu hỏi của bạn.",
                [suggestion_for(h.located) for h in options],
                score=best.score,
                heading="Có phải bạn muốn hỏi:",
            )
        return fact_answer(
            [best.located, *(h.located for h in parts)], best.score, [suggestion_for(h.located) for h in runners]
        )

    def _other_districts(self, hits: Sequence[Hit]) -> list[Hit]:
        """A question naming no district that several districts answer equally
        well ("ai là Bí thư Huyện ủy?") gets each district's answer."""
        best = hits[0]
        seen = {best.located.district}
        out: list[Hit] = []
        for hit in hits[1:]:
            if hit.score < SAME_ANSWER * best.score:
                break
            if hit.located.district not in seen and hit.doc.kind == best.doc.kind:
                seen.add(hit.located.district)
                out.append(hit)
        return out

    def _complements(self, hits: Sequence[Hit]) -> list[Hit]:
        """A question in parts ("bao nhiêu tập thể, cá nhân"; "bao nhiêu tiền và
        bao nhiêu cây cầu") gets, for each part the best entry does not count,
        the close runner-up from the same article that does."""
        parts = self.q.target_parts
        if len(parts) < 2:
            return []
        best = hits[0]
        out: list[Hit] = []
        for part in parts:
            if self._counts_part(part, best.doc) or any(self._counts_part(part, h.doc) for h in out):
                continue
            for hit in hits[1:8]:
                if hit.score < COMPLEMENT * best.score:
                    break
                if (
                    hit.located.article.id == best.located.article.id
                    and hit.doc.kind == best.doc.kind
                    and hit not in out
                    and self._counts_part(part, hit.doc)
                ):
                    out.append(hit)
                    break
        return out

    def _counts_part(self, part: list[str], doc: Doc) -> bool:
        pairs = [f"{a} {b}" for a, b in itertools.pairwise(part) if f"{a} {b}" in self.index.idf]
        if pairs:
            return any(self.index.counts(p, doc, synonyms=False) for p in pairs)
        return any(self.index.counts(w, doc) for w in part if w not in lexicon.STOPWORDS)

    def _out_of_scope(self) -> Answer:
        return not_answered(
            "decline",
            "Xin lỗi, mình không tìm thấy thông tin này trong các bài viết mình có. Mình chỉ trả lời về kết quả "
            "học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh ở các huyện: "
            f"{districts_line(self.kb)}.",
            example_suggestions(self.kb),
        )

    # ------------------------------------------------------------ lists

    def _list(self, residual: list[str]) -> Answer | None:
        q = self.q
        kinds = set(q.list_kinds)
        if "figure" in kinds or (q.orgs and not kinds - {"figure"}):
            kinds |= {"figure", "model"}
        if not kinds:
            kinds = {"figure", "model"}
        pool = [
            d
            for d in self.index.docs
            if d.kind in kinds
            and (not q.districts or d.located.district in q.districts)
            # an organisation runs models and achieves figures; documents have issuers
            and (not q.orgs or d.kind not in ("figure", "model") or d.org_groups & set(q.orgs))
        ]
        if not pool:
            return None
        if residual:
            # a short list is shown whole unless its extra words point clearly at a few entries
            threshold = LIST_NARROW if len(pool) > LIST_SHORT else LIST_NARROW_SHORT
            matching = {
                h.doc.located.id for h in self.index.rank(_with_content(q, residual), pool) if h.score >= threshold
            }
            if "ngoai" in q.toks:  # "ngoài cầu đường, còn mô hình nào": all but those
                pool = [d for d in pool if d.located.id not in matching] or pool
            elif matching:
                pool = [d for d in pool if d.located.id in matching]
            elif len(pool) > LIST_SHORT:
                return None
        items = [d.located for d in pool]
        if len(items) == 1 or (len(items) <= LIST_AS_FACTS and residual):
            return fact_answer(items, 1.0)  # a few entries on one topic read better in full
        if not q.districts and len(items) > LIST_ALL_LIMIT:
            return self._choose_district(kinds)
        return list_answer(_list_heading(q, kinds), items, 1.0)

    def _choose_district(self, kinds: set[str]) -> Answer:
        suggestions = [
            Suggestion(action=f"m:{district_slug(self.kb, d)}", label=f"Các mô hình ở {d}") for d in self.kb.districts
        ]
        return not_answered(
            "clarify",
            f"Danh sách này dài. Bạn muốn xem của huyện nào? Mình có dữ liệu về: {districts_line(self.kb)}.",
            suggestions,
            heading="Chọn một huyện:",
        )


def _place_label(name: str, province: str | None) -> str:
    return f"{name} ({province})" if province else name


def _distinct(hits: Sequence[Hit], best: Hit | None, keep: Callable[[Hit], bool]) -> list[Hit]:
    """Hits while `keep` holds, one per title (none with the best's), at most MAX_SUGGESTIONS."""
    out: list[Hit] = []
    titles = {best.located.entry.title} if best else set()
    for hit in hits:
        if not keep(hit):
            break
        if hit.located.entry.title in titles:
            continue
        titles.add(hit.located.entry.title)
        out.append(hit)
        if len(out) == MAX_SUGGESTIONS:
            break
    return out


_LIST_WORDS = frozenset(
    w
    for groups in (lexicon.LIST_CUES, *lexicon.KIND_WORDS.values(), *lexicon.ORG_GROUPS.values(), lexicon.FRAME_PHRASES)
    for phrase in groups
    for w in phrase
) | {
    "huyen",
    "co",
    "duoc",
    "lam",
    "dat",
    "trien",
    "khai",
    "thuc",
    "hien",
    "xay",
    "dung",
    "nhan",
    "rong",
    "tieu",
    "bieu",
    "noi",
    "bat",
    "hay",
    "hieu",
    "qua",
    "hoi",
    "gi",
    "nao",
}


def _residual_terms(q: Query) -> list[str]:
    """What a list question says beyond 'which models does X have'."""
    spans = find(q.content, lexicon.LIST_CUES)
    drop = {k for a, b in spans for k in range(a, b)}
    return [
        t
        for k, t in enumerate(q.content)
        if k not in drop and t not in _LIST_WORDS and t not in lexicon.STOPWORDS and len(t) > 1
    ]


def _with_content(q: Query, content: list[str]) -> Query:
    from dataclasses import replace

    return replace(q, content=content, quantity=False, who=False, when=False)


def _list_heading(q: Query, kinds: set[str]) -> str:
    what = (
        "Các mô hình, phong trào"
        if kinds == {"model"}
        else ("Kết quả và mô hình" if "figure" in kinds else "Danh sách")
    )
    if "person" in kinds and len(kinds) == 1:
        what = "Những người được nêu tên"
    if "document" in kinds and len(kinds) == 1:
        what = "Các văn bản được nêu"
    who = f" của {', '.join(q.orgs)}" if q.orgs else ""
    where = f" ở huyện {', '.join(q.districts)}" if q.districts else ""
    return f"{what}{who}{where}:"


def diff(old: KnowledgeBase, new: KnowledgeBase) -> ReloadReport:
    old_e = {e.id: e.entry for e in old.entries}
    new_e = {e.id: e.entry for e in new.entries}
    old_a = dict(old.articles)
    new_a = dict(new.articles)
    return ReloadReport(
        added=tuple(sorted(new_e.keys() - old_e.keys())),
        removed=tuple(sorted(old_e.keys() - new_e.keys())),
        changed=tuple(sorted(k for k in old_e.keys() & new_e.keys() if old_e[k] != new_e[k])),
        articles_added=tuple(sorted(new_a.keys() - old_a.keys())),
        articles_removed=tuple(sorted(old_a.keys() - new_a.keys())),
        articles_changed=tuple(sorted(k for k in old_a.keys() & new_a.keys() if old_a[k] != new_a[k])),
        entries=len(new.entries),
        articles=len(new.articles),
    )


__all__ = ["Answer", "Doc", "Engine", "ReloadReport", "Snapshot"]
