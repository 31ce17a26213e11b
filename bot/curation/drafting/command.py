"""``python -m bot draft``: draft an article's knowledge files, or accept (or reject) drafts."""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from bot.curation.drafting.flags import flag_drafts
from bot.knowledge.loading import load
from bot.knowledge.problems import KnowledgeError
from bot.knowledge.yaml_reading import read_yaml

if TYPE_CHECKING:
    from bot.curation.drafting.draft import Draft


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("article", nargs="?", type=Path, help="bài viết chép từ trang tin (tệp văn bản UTF-8)")
    parser.add_argument(
        "--out",
        type=Path,
        default=None,
        help="thư mục tri thức để ghi vào (mặc định: thư mục mới draft-<mã>/)",
    )
    parser.add_argument(
        "--accept",
        type=Path,
        metavar="FILE",
        help="duyệt các mục nháp của tệp facts/<mã>.yaml (tìm cả trong thư mục dữ liệu --knowledge; hoặc chỉ mã bài)",
    )
    chosen = parser.add_mutually_exclusive_group()
    chosen.add_argument("--ids", help="các mã mục cần duyệt, cách nhau bằng dấu phẩy")
    chosen.add_argument("--all", action="store_true", help="duyệt mọi mục nháp của tệp")
    chosen.add_argument("--reject", metavar="IDS", help="bỏ (xoá khỏi tệp) các mục nháp này, cách nhau bằng dấu phẩy")
    parser.add_argument("--force", action="store_true", help="duyệt cả các mục nháp có dấu hiệu sai (⚠)")


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        print(f"Không tìm thấy tệp bài viết: {path}", file=sys.stderr)
    except UnicodeDecodeError:
        print(f"Tệp {path} không phải văn bản UTF-8.", file=sys.stderr)
    except OSError as exc:
        print(f"Không đọc được {path}: {exc.strerror}", file=sys.stderr)
    return None


def _summary(draft: Draft) -> str:
    kinds = Counter(e["kind"] for e in draft.entries)
    detail = ", ".join(f"{k} {v}" for k, v in sorted(kinds.items()))
    return f"{len(draft.entries)} mục nháp ({detail})"


def _bot(knowledge: Path | None) -> str:
    """``python -m bot`` with the knowledge directory when it is not the default one."""
    return f"python -m bot --knowledge {knowledge}" if knowledge is not None else "python -m bot"


def review_commands(knowledge: Path | None, article: str) -> list[str]:
    """How to review an article's drafts in a knowledge directory (None: the default one)."""
    bot = _bot(knowledge)
    return [
        f"Xem các mục nháp (⚠: có dấu hiệu sai): {bot} check --drafts",
        f"Duyệt: {bot} draft --accept facts/{article}.yaml --all   (hoặc --ids mã1,mã2; bỏ mục thừa: --reject mã1,mã2)",
    ]


def cmd_draft(args: argparse.Namespace) -> int:
    # the drafter and ruamel.yaml load only for this command, not for every `python -m bot`
    from bot.curation.drafting.draft import draft_article
    from bot.curation.drafting.intake import draft_into
    from bot.curation.drafting.writer import write

    if args.accept is not None:
        return _cmd_accept(args)
    if args.ids or args.all or args.reject or args.force:
        print("--ids/--all/--reject/--force chỉ dùng với --accept FILE.", file=sys.stderr)
        return 2
    if args.article is None:
        print("Cần tệp bài viết: python -m bot draft BÀI.txt [--out THƯ_MỤC]", file=sys.stderr)
        return 2
    raw = _read(args.article)
    if raw is None:
        return 1
    if not raw.strip():
        print(f"Tệp {args.article} trống.", file=sys.stderr)
        return 1
    started = time.perf_counter()
    try:
        if args.out is not None:
            out = args.out
            draft, article_path, facts_path = draft_into(raw, args.article.name, out)
        else:
            draft = draft_article(raw, args.article.name)
            out = Path(f"draft-{draft.meta.id}")
            if out.exists():
                print(f"Thư mục {out} đã có; chọn nơi khác bằng --out.", file=sys.stderr)
                return 1
            article_path, facts_path = write(draft, out)
    except FileExistsError as exc:
        print(f"Không ghi đè tệp đã có: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"Không ghi được vào {out}: {exc.strerror}", file=sys.stderr)
        return 1
    elapsed = time.perf_counter() - started
    ident = draft.meta.id
    if facts_path is None:
        print(
            f"Không soạn được mục nháp nào từ {args.article.name} (huyện {draft.meta.district}, mã bài {ident}): "
            "chỉ ghi bài viết, không có tệp dữ kiện."
        )
        print(f"  {article_path}")
    else:
        print(f"Bản nháp cho huyện {draft.meta.district} (mã bài {ident}): {_summary(draft)} trong {elapsed:.2f} s")
        print(f"  {article_path}\n  {facts_path}")
    for note in draft.meta.notes:
        if note.startswith("CẦN ĐIỀN"):
            print(f"  {note}")
    if draft.dropped:
        print(f"  Đã bỏ {len(draft.dropped)} ứng viên không qua kiểm tra nguồn:")
        for line in draft.dropped:
            print(f"    - {line}")
    if facts_path is None:
        print(
            f"  Có thể thêm mục bằng tay: viết {out / 'facts' / f'{ident}.yaml'} (article: {ident}, rồi entries; "
            "xem knowledge/README.md), bỏ dòng draft: true ở mục đã đọc kỹ."
        )
        if not any((out / "facts").glob("*.yaml")):
            print(f"  Thư mục {out} mới chỉ có bài viết: chưa kiểm tra được (cần ít nhất một tệp dữ kiện).")
            return 0
    try:
        kb = load(out)
    except KnowledgeError as exc:
        _say_problems(f"Thư mục {out} có {len(exc.problems)} lỗi sau khi ghi bản nháp:", exc)
        return 1
    if facts_path is None:
        print(f"Kiểm tra: python -m bot --knowledge {out} check")
        return 0
    mine = {d.id for d in kb.drafts if d.article.id == ident}
    flagged = [i for i in flag_drafts(kb) if i in mine]
    if flagged:
        print(f"  ⚠ {len(flagged)} mục có dấu hiệu sai (--all không duyệt chúng nếu không có --force):")
        print(f"    {', '.join(flagged)}")
    print(f"Kiểm tra: python -m bot --knowledge {out} check --drafts")
    print(review_commands(out, ident)[1])
    return 0


# ---------------------------------------------------------------- accepting, rejecting


def resolve_facts(given: Path, knowledge: Path) -> tuple[Path | None, list[Path]]:
    """The facts file a curator means, and the paths tried: as typed (from the current
    directory), then inside the knowledge directory ("facts/<mã>.yaml" there), then a bare
    name or article id as ``<knowledge>/facts/<mã>.yaml``."""
    tried: list[Path] = []

    def attempt(path: Path) -> bool:
        if path not in tried:
            tried.append(path)
        return path.is_file()

    candidates = [given]
    if not given.is_absolute():
        candidates.append(knowledge / given)
        if len(given.parts) == 1:
            name = given.name if given.suffix == ".yaml" else f"{given.name}.yaml"
            candidates.append(knowledge / "facts" / name)
    for path in candidates:
        if attempt(path):
            return path, tried
    return None, tried


def drafted_files(knowledge: Path) -> list[tuple[str, int]]:
    """The facts files of a knowledge directory that hold drafts, and how many (read leniently)."""
    out: list[tuple[str, int]] = []
    for path in sorted((knowledge / "facts").glob("*.yaml")):
        data, _ = read_yaml(path)
        entries = data.get("entries") if isinstance(data, dict) else None
        if isinstance(entries, list):
            count = sum(1 for e in entries if isinstance(e, dict) and e.get("draft") is True)
            if count:
                out.append((f"facts/{path.name}", count))
    return out


def _not_found(given: Path, knowledge: Path, tried: list[Path]) -> None:
    print(f"Không tìm thấy tệp dữ kiện «{given}». Đã tìm:", file=sys.stderr)
    for path in tried:
        print(f"  - {path.absolute()}", file=sys.stderr)
    if not knowledge.is_dir():
        print(f"Thư mục dữ liệu {knowledge} không tồn tại (chọn bằng --knowledge THƯ_MỤC).", file=sys.stderr)
        return
    found = drafted_files(knowledge)
    if found:
        print(f"Các tệp có mục nháp trong {knowledge}:", file=sys.stderr)
        for name, count in found:
            print(f"  - {name} ({count} mục nháp)", file=sys.stderr)
    else:
        print(f"Trong {knowledge}/facts không có tệp nào có mục nháp.", file=sys.stderr)


def _ids(text: str) -> list[str]:
    return [i for i in (part.strip() for part in text.replace(" ", ",").split(",")) if i]


def _mark_reviewed(asked: Path, knowledge: Path) -> bool:
    """ "--accept <bài> --all" for an article with nothing drafted: the curator has read it."""
    from bot.curation.drafting.accept import mark_reviewed

    article = knowledge / "articles" / f"{asked.stem}.txt"
    if not article.is_file() or not mark_reviewed(article):
        return False
    print(
        f"Bài {asked.stem} không có mục nháp nào; đã ghi là biên tập viên đã đọc. Bot dùng bài này từ lần nạp "
        f"dữ liệu tới (các câu của bài trả lời được khi không có mục nào đã duyệt trả lời)."
    )
    return True


def _cmd_accept(args: argparse.Namespace) -> int:
    from bot.curation.drafting.accept import accept, knowledge_root

    knowledge: Path = args.knowledge
    path, tried = resolve_facts(args.accept, knowledge)
    if path is None and args.all and _mark_reviewed(args.accept, knowledge):
        return 0
    if path is None:
        _not_found(args.accept, knowledge, tried)
        return 1
    if not args.ids and not args.all and not args.reject:
        print("Chọn mục cần duyệt: --ids mã1,mã2 hoặc --all (bỏ mục: --reject mã1,mã2).", file=sys.stderr)
        return 2
    root = knowledge_root(path)
    shown = _shown(path, root, knowledge, getattr(args, "knowledge_given", True))
    try:
        if args.reject:
            return _reject(path, _ids(args.reject), shown)
        ids = None if args.all else _ids(args.ids)
        if not args.force:
            refused = _flagged(root, path, ids, shown)
            if refused is not None:
                return refused
        result = accept(path, ids)
    except (OSError, UnicodeDecodeError) as exc:
        print(f"Không đọc/ghi được {path}: {exc}", file=sys.stderr)
        return 1
    except Exception as exc:  # ruamel's parse errors have no common base worth importing
        print(f"Tệp {path} không phải YAML hợp lệ: {exc}", file=sys.stderr)
        return 1
    if result.unknown:
        print(f"Không có mục: {', '.join(result.unknown)} trong {path}; chưa duyệt mục nào.", file=sys.stderr)
        return 1
    if result.problems:
        print(
            f"Chưa duyệt: sau khi bỏ draft, cơ sở dữ liệu có {len(result.problems)} lỗi (đã hoàn lại tệp):",
            file=sys.stderr,
        )
        for problem in result.problems:
            print(f"  - {problem}", file=sys.stderr)
        return 1
    for ident in result.already:
        print(f"  {ident}: không phải bản nháp (đã duyệt từ trước)")
    if not result.accepted and ids is None:
        print(f"Tệp {path} không còn mục nháp nào chờ duyệt.")
        return 0
    print(f"Đã duyệt {len(result.accepted)} mục trong {path}; cơ sở dữ liệu hợp lệ.")
    _after(result.waiting, result.notes, shown)
    return 0


def _shown(path: Path, root: Path, knowledge: Path, knowledge_given: bool) -> str:
    """The --accept part of a command to run next, as short as it still finds the file."""
    if root == knowledge.resolve():
        relative = path.resolve().relative_to(root)
        return f"{_bot(knowledge if knowledge_given else None)} draft --accept {relative}"
    return f"python -m bot draft --accept {path}"


def _say_problems(heading: str, exc: KnowledgeError) -> None:
    print(heading, file=sys.stderr)
    for problem in exc.problems:
        print(f"  - {problem}", file=sys.stderr)


def _flagged(root: Path, path: Path, ids: list[str] | None, shown: str) -> int | None:
    """None when none of the chosen drafts looks wrong; otherwise they are listed, with what to do,
    nothing is accepted, and the exit status is returned."""
    try:
        kb = load(root)
    except KnowledgeError as exc:
        _say_problems(f"Chưa duyệt: cơ sở dữ liệu {root} có {len(exc.problems)} lỗi:", exc)
        return 1
    mine = [d for d in kb.drafts if Path(d.file).resolve() == path.resolve()]
    chosen = [d.id for d in mine] if ids is None else [i for i in ids if any(d.id == i for d in mine)]
    flags = flag_drafts(kb)
    flagged = [i for i in chosen if i in flags]
    if not flagged:
        return None
    print(
        f"Chưa duyệt mục nào: {len(flagged)} mục nháp được chọn có dấu hiệu sai (⚠):",
        file=sys.stderr,
    )
    for ident in flagged:
        print(f"  - {ident}: {'; '.join(flags[ident])}", file=sys.stderr)
    good = [i for i in chosen if i not in flags]
    print("Sửa các mục đó trong tệp (hoặc bỏ chúng: --reject mã1,mã2) rồi duyệt lại;", file=sys.stderr)
    if good:
        print(f"duyệt các mục không có dấu hiệu sai: {shown} --ids {','.join(good)}", file=sys.stderr)
    print(
        f"hoặc duyệt cả các mục ⚠: thêm --force ({shown} {'--all' if ids is None else '--ids …'} --force)",
        file=sys.stderr,
    )
    return 1


def _reject(path: Path, ids: list[str], shown: str) -> int:
    from bot.curation.drafting.accept import reject

    if not ids:
        print("Chưa bỏ mục nào: --reject cần các mã mục nháp, cách nhau bởi dấu phẩy.", file=sys.stderr)
        return 2
    result = reject(path, ids)
    if result.unknown:
        print(f"Không có mục: {', '.join(result.unknown)} trong {path}; chưa bỏ mục nào.", file=sys.stderr)
        return 1
    if result.not_drafts:
        print(
            f"Không phải mục nháp (đã duyệt): {', '.join(result.not_drafts)}; chưa bỏ mục nào "
            "(xoá mục đã duyệt bằng cách sửa tệp).",
            file=sys.stderr,
        )
        return 1
    if result.problems:
        print(f"Chưa bỏ: sau khi bỏ, cơ sở dữ liệu có {len(result.problems)} lỗi (đã hoàn lại tệp):", file=sys.stderr)
        for problem in result.problems:
            print(f"  - {problem}", file=sys.stderr)
        return 1
    print(f"Đã bỏ {len(result.rejected)} mục nháp khỏi {path}; cơ sở dữ liệu hợp lệ.")
    if result.removed_file:
        print(f"  Tệp {path} không còn mục nào nên đã được xoá (bài viết vẫn giữ).")
    _after(result.waiting, result.notes, shown)
    return 0


def _after(waiting: int, notes: bool, shown: str | None) -> None:
    if notes:
        print("  Đã cập nhật ghi chú (notes) của bài viết.")
    if waiting:
        more = f": {shown} --all" if shown else ""
        print(f"  Còn {waiting} mục nháp chờ duyệt{more}")
