"""``python -m bot draft``: draft an article's knowledge files, or accept drafts."""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from bot.knowledge.loading import load
from bot.knowledge.problems import KnowledgeError

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
    parser.add_argument("--accept", type=Path, metavar="FILE", help="duyệt các mục nháp của tệp facts/<mã>.yaml")
    chosen = parser.add_mutually_exclusive_group()
    chosen.add_argument("--ids", help="các mã mục cần duyệt, cách nhau bằng dấu phẩy")
    chosen.add_argument("--all", action="store_true", help="duyệt mọi mục nháp của tệp")


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


def cmd_draft(args: argparse.Namespace) -> int:
    # the drafter and ruamel.yaml load only for this command, not for every `python -m bot`
    from bot.curation.drafting.draft import draft_article
    from bot.curation.drafting.intake import draft_into
    from bot.curation.drafting.writer import write

    if args.accept is not None:
        return _cmd_accept(args)
    if args.ids or args.all:
        print("--ids/--all chỉ dùng với --accept FILE.", file=sys.stderr)
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
    print(f"Bản nháp cho huyện {draft.meta.district} (mã bài {draft.meta.id}): {_summary(draft)} trong {elapsed:.2f} s")
    print(f"  {article_path}\n  {facts_path}")
    for note in draft.meta.notes:
        if note.startswith("CẦN ĐIỀN"):
            print(f"  {note}")
    if draft.dropped:
        print(f"  Đã bỏ {len(draft.dropped)} ứng viên không qua kiểm tra nguồn:")
        for line in draft.dropped:
            print(f"    - {line}")
    try:
        load(out)
    except KnowledgeError as exc:
        print(f"Thư mục {out} có {len(exc.problems)} lỗi sau khi ghi bản nháp:", file=sys.stderr)
        for problem in exc.problems:
            print(f"  - {problem}", file=sys.stderr)
        return 1
    print(f"Kiểm tra: python -m bot --knowledge {out} check --drafts")
    return 0


def _cmd_accept(args: argparse.Namespace) -> int:
    from bot.curation.drafting.accept import accept

    path: Path = args.accept
    if not path.is_file():
        print(f"Không tìm thấy tệp: {path}", file=sys.stderr)
        return 1
    if not args.ids and not args.all:
        print("Chọn mục cần duyệt: --ids mã1,mã2 hoặc --all.", file=sys.stderr)
        return 2
    ids = None if args.all else [i.strip() for i in args.ids.split(",") if i.strip()]
    try:
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
    print(f"Đã duyệt {len(result.accepted)} mục trong {path}; cơ sở dữ liệu hợp lệ.")
    return 0
