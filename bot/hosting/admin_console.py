"""The curators' console: /admin on the process's one web server.

Sign-in is a one-time link a curator gets with /web in any door; it opens a session kept in the
store (any replica serves the next page), in an HttpOnly cookie. Every change is a POST that
carries the session's CSRF token and is written to the audit log with who, what and the version
served after it. Pages are rendered on the server (Jinja2, autoescaped) with no script at all,
under a Content-Security-Policy that allows none.

What the pages show and what their forms do is bot.curation.console_work's; this module is the
web around it: routes, the session, the CSRF check, the audit, the rendering.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlencode

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from bot.chat import chat_texts
from bot.chat.core import Dialogue
from bot.chat.messages import Reply
from bot.curation import console_work
from bot.curation.gaps import unanswered_groups
from bot.curation.library import KnowledgeLibrary
from bot.hosting import admin_texts
from bot.hosting.settings import Settings
from bot.hosting.web import Refused, bounded_body
from bot.store import Store
from bot.store.clock import VIETNAM
from bot.store.console_access import ConsoleSession, Curator

log = logging.getLogger(__name__)

COOKIE = "bot_admin"
DELIVERY_SECONDS = 30.0  # a curator's answer to a handed-off question: sent, or said not sent, within this
MAX_FORM_BYTES = 64 * 1024
Deliver = Callable[[str, str, Reply], Awaitable[bool]]
_CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)


@dataclass
class Parts:
    """What the console works on, once the bot is up (None before)."""

    core: Dialogue | None = None
    library: KnowledgeLibrary | None = None
    store: Store | None = None
    deliver: Deliver | None = None


class AdminConsole:
    def __init__(self, settings: Settings):
        self.settings = settings
        self.parts = Parts()
        self.templates = Environment(
            loader=PackageLoader("bot.hosting", "admin_templates"),
            autoescape=select_autoescape(default=True, default_for_string=True),
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.templates.filters["day"] = lambda d: d.astimezone(VIETNAM).strftime("%d/%m/%Y %H:%M") if d else ""

    def serve(self, core: Dialogue, library: KnowledgeLibrary, store: Store, deliver: Deliver) -> None:
        self.parts = Parts(core, library, store, deliver)

    # ------------------------------------------------------------ routes

    def routes(self) -> list[BaseRoute]:
        page = self._page
        change = self._change
        return [
            Route("/admin/vao", self._sign_in_page, methods=["GET"]),
            Route("/admin/vao", self._sign_in, methods=["POST"]),
            Route("/admin/ra", change(self._sign_out), methods=["POST"]),
            Route("/admin/console.css", self._css, methods=["GET"]),
            Route("/admin", page(self._overview), methods=["GET"]),
            Route("/admin/chua-tra-loi", page(self._unanswered), methods=["GET"]),
            Route("/admin/tu-khoa", change(self._add_keywords), methods=["POST"]),
            Route("/admin/bo-qua", change(self._dismiss), methods=["POST"]),
            Route("/admin/bai/{article}", page(self._article), methods=["GET"]),
            Route("/admin/muc/{entry}", page(self._entry), methods=["GET"]),
            Route("/admin/sai", page(self._wrong), methods=["GET"]),
            Route("/admin/nhap", page(self._drafts), methods=["GET"]),
            Route("/admin/nhap/{article}", page(self._draft_article), methods=["GET"]),
            Route("/admin/nhap/{article}/sua", change(self._edit_draft), methods=["POST"]),
            Route("/admin/nhap/{article}/duyet", change(self._review), methods=["POST"]),
            Route("/admin/phien-ban", page(self._versions), methods=["GET"]),
            Route("/admin/phien-ban/so-sanh", page(self._diff), methods=["GET"]),
            Route("/admin/phien-ban/khoi-phuc", change(self._rollback), methods=["POST"]),
            Route("/admin/phien-ban/{number:int}.zip", page(self._export), methods=["GET"]),
            Route("/admin/hoi-can-bo", page(self._handoffs), methods=["GET"]),
            Route("/admin/hoi-can-bo/{handoff:int}", change(self._answer_handoff), methods=["POST"]),
            Route("/admin/hoi-can-bo/nhap", change(self._draft_from_answer), methods=["POST"]),
            Route("/admin/nhat-ky", page(self._audit), methods=["GET"]),
        ]

    # ------------------------------------------------------------ the web around the pages

    def _html(self, template: str, status: int = 200, **values: Any) -> HTMLResponse:
        body = self.templates.get_template(template).render(nav=admin_texts.NAV, **values)
        headers = {
            "Content-Security-Policy": _CSP,
            "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": "no-referrer",
            "Cache-Control": "no-store",
        }
        return HTMLResponse(body, status_code=status, headers=headers)

    def _refused(self, status: int, message: str) -> HTMLResponse:
        return self._html("refused.html", status=status, message=message)

    async def _session(self, request: Request) -> ConsoleSession | None:
        """The request's session, while its curator is still an admin of their door."""
        store = self.parts.store
        session = None if store is None else await store.console.session(request.cookies.get(COOKIE))
        return session if session is not None and self._still_admin(session.curator) else None

    def _still_admin(self, curator: Curator) -> bool:
        """Removed from ADMIN_IDS / ZALO_ADMIN_IDS: their links and sessions open nothing any more.
        The terminal's user is an admin by being at the machine."""
        if curator.door == "cli":
            return True
        core, store = self.parts.core, self.parts.store
        if core is None or store is None:
            return False
        return any(store.hasher.user(curator.door, i) == curator.user_hash for i in core.admins.get(curator.door, ()))

    async def _signed_in(self, request: Request) -> ConsoleSession | Response:
        """The curator's session, or the refusal: 503 while the bot starts, 403 without a session."""
        if self.parts.core is None:
            return self._refused(503, admin_texts.STARTING)
        session = await self._session(request)
        return self._refused(403, admin_texts.NOT_SIGNED_IN) if session is None else session

    def _page(self, handler: Callable[..., Awaitable[Response]]) -> Callable[[Request], Awaitable[Response]]:
        """A page for signed-in curators only."""

        async def endpoint(request: Request) -> Response:
            session = await self._signed_in(request)
            return session if isinstance(session, Response) else await handler(request, session)

        return endpoint

    def _change(self, handler: Callable[..., Awaitable[Response]]) -> Callable[[Request], Awaitable[Response]]:
        """A change: a session, its CSRF token in the form, then the handler; audited by it."""

        async def endpoint(request: Request) -> Response:
            session = await self._signed_in(request)
            if isinstance(session, Response):
                return session
            form = await self._form(request, max_fields=200)
            if isinstance(form, Response):
                return form
            token = form.get("csrf")
            if not isinstance(token, str) or not hmac.compare_digest(token.encode(), session.csrf.encode()):
                log.warning("Từ chối thao tác quản trị không có mã CSRF đúng")
                return self._refused(403, admin_texts.BAD_CSRF)
            return await handler(request, session, form)

        return endpoint

    async def _form(self, request: Request, max_fields: int) -> FormData | Response:
        """The posted form, its body read at most MAX_FORM_BYTES (declared or chunked): 413, 400."""
        try:
            request._body = await bounded_body(request, MAX_FORM_BYTES)  # what request.form() parses (cached)
        except Refused:
            return self._refused(413, admin_texts.TOO_LARGE)
        try:
            return await request.form(max_files=0, max_fields=max_fields)
        except Exception:
            return self._refused(400, admin_texts.BAD_FORM)

    async def _audit_record(self, session: ConsoleSession, action: str, **detail: Any) -> None:
        assert self.parts.store is not None
        version = self.parts.library.loaded if self.parts.library is not None else None
        await self.parts.store.audit.record(session.curator.door, session.curator.user_hash, action, detail, version)

    def _back(self, session: ConsoleSession, path: str, said: str | Reply | None = None) -> RedirectResponse:
        """303 to a page, with what the change said shown there once: in the address, as text,
        signed with the session's secret so that a crafted link cannot put words in the console's mouth."""
        if isinstance(said, Reply):
            said = "\n\n".join([*([said.title] if said.title else []), *said.parts])
        said = (said or "")[:1500]
        query = f"?{urlencode({'da': said, 'ky': _signature(session, said)})}" if said else ""
        return RedirectResponse(path + query, status_code=303)

    def _values(self, request: Request, session: ConsoleSession, **values: Any) -> dict[str, Any]:
        said = request.query_params.get("da", "")[:1500]
        if not hmac.compare_digest(request.query_params.get("ky", "").encode(), _signature(session, said).encode()):
            said = ""
        return {
            "csrf": session.csrf,
            "said": said,
            "path": request.url.path,
            "version": self.parts.library.loaded if self.parts.library is not None else None,
            **values,
        }

    async def _css(self, request: Request) -> Response:
        css = self.templates.loader.get_source(self.templates, "console.css")[0]  # type: ignore[union-attr]
        return Response(css, media_type="text/css; charset=utf-8", headers={"Cache-Control": "public, max-age=300"})

    # ------------------------------------------------------------ signing in and out

    async def _sign_in_page(self, request: Request) -> Response:
        """A page with one button: link previews (Telegram, Zalo) fetch the link, and must not use it up."""
        if self.parts.store is None:
            return self._refused(503, admin_texts.STARTING)
        token = request.query_params.get("t", "")
        state = await self.parts.store.console.link_state(token)
        if state != "valid":
            return self._refused(403, admin_texts.LINK_STATES[state])
        return self._html("sign_in.html", token=token)

    async def _sign_in(self, request: Request) -> Response:
        store = self.parts.store
        if store is None:
            return self._refused(503, admin_texts.STARTING)
        form = await self._form(request, max_fields=5)
        if isinstance(form, Response):
            return form
        token = form.get("t")
        curator = await store.console.take_link(token) if isinstance(token, str) else None
        if curator is None or not self._still_admin(curator):
            return self._refused(403, admin_texts.LINK_STATES["used"])
        session_id, session = await store.console.open_session(curator, self.settings.admin_session_hours * 3600)
        await self._audit_record(session, "sign-in")
        response = RedirectResponse("/admin", status_code=303)
        response.set_cookie(
            COOKIE,
            session_id,
            max_age=int(self.settings.admin_session_hours * 3600),
            path="/admin",
            httponly=True,
            # behind a host's TLS proxy the request itself may read http: the public address says
            secure=request.url.scheme == "https" or (self.settings.console_url or "").startswith("https://"),
            samesite="lax",
        )
        return response

    async def _sign_out(self, request: Request, session: ConsoleSession, form: FormData) -> Response:
        assert self.parts.store is not None
        await self._audit_record(session, "sign-out")
        await self.parts.store.console.close_session(request.cookies.get(COOKIE, ""))
        response = self._refused(200, admin_texts.SIGNED_OUT)
        response.delete_cookie(COOKIE, path="/admin")
        return response

    # ------------------------------------------------------------ overview

    async def _overview(self, request: Request, session: ConsoleSession) -> Response:
        from bot.curation import overview  # pygal is loaded only for this page

        assert self.parts.store is not None and self.parts.core is not None
        days = 90 if request.query_params.get("ngay") == "90" else 30
        figures = await overview.build_overview(self.parts.store, self.parts.core.answerer.kb, days)
        drawn = [
            (chart.title, "data:image/svg+xml;base64," + base64.b64encode(chart.svg.encode()).decode())
            for chart in overview.charts(figures)
        ]
        return self._html("overview.html", **self._values(request, session, days=days, charts=drawn, figures=figures))

    # ------------------------------------------------------------ not answered

    async def _unanswered(self, request: Request, session: ConsoleSession) -> Response:
        assert self.parts.store is not None and self.parts.core is not None
        gaps, refusals = await unanswered_groups(self.parts.store)
        kb = self.parts.core.answerer.kb
        return self._html(
            "unanswered.html",
            **self._values(
                request,
                session,
                gaps=gaps,
                refusals=refusals,
                articles=sorted(kb.articles.values(), key=lambda a: a.id),
                entries=kb.entries,
            ),
        )

    async def _add_keywords(self, request: Request, session: ConsoleSession, form: FormData) -> Response:
        assert self.parts.core is not None and self.parts.library is not None
        entry, words = str(form.get("entry", "")).strip(), str(form.get("words", ""))
        reply = await console_work.add_keywords(self.parts.core, self.parts.library, session.curator, entry, words)
        await self._audit_record(session, "keywords", entry=entry, words=words, result=reply.kind)
        return self._back(session, "/admin/chua-tra-loi", reply)

    async def _dismiss(self, request: Request, session: ConsoleSession, form: FormData) -> Response:
        assert self.parts.store is not None
        texts = [str(t) for t in form.getlist("text") if str(t).strip()][:100]
        await self.parts.store.dismissed.dismiss(texts, session.curator.user_hash)
        await self._audit_record(session, "not-for-this-bot", texts=" | ".join(texts))
        return self._back(session, "/admin/chua-tra-loi", admin_texts.DISMISSED)

    async def _article(self, request: Request, session: ConsoleSession) -> Response:
        assert self.parts.core is not None
        kb = self.parts.core.answerer.kb
        article_id = request.path_params["article"]
        article = kb.articles.get(article_id) or kb.draft_articles.get(article_id)
        if article is None:
            return self._refused(404, admin_texts.NO_ARTICLE)
        entries = [e for e in kb.entries if e.article.id == article_id]
        return self._html("article.html", **self._values(request, session, article=article, entries=entries))

    async def _entry(self, request: Request, session: ConsoleSession) -> Response:
        assert self.parts.core is not None
        located = self.parts.core.answerer.kb.by_id.get(request.path_params["entry"])
        if located is None:
            return self._refused(404, admin_texts.NO_ENTRY)
        fields = {k: v for k, v in located.entry.model_dump().items() if v not in (None, "", ())}
        return self._html("entry.html", **self._values(request, session, located=located, fields=fields))

    # ------------------------------------------------------------ wrong answers

    async def _wrong(self, request: Request, session: ConsoleSession) -> Response:
        assert self.parts.store is not None and self.parts.core is not None
        report = await self.parts.store.feedback.report(limit=30)
        kb = self.parts.core.answerer.kb
        return self._html("wrong.html", **self._values(request, session, report=report, by_id=kb.by_id))

    # ------------------------------------------------------------ drafts

    async def _drafts(self, request: Request, session: ConsoleSession) -> Response:
        assert self.parts.core is not None
        kb = self.parts.core.answerer.kb
        waiting = console_work.articles_with_drafts(kb)
        articles = {a: kb.draft_articles.get(a) or kb.articles.get(a) for a in waiting}
        return self._html("drafts.html", **self._values(request, session, waiting=waiting, articles=articles))

    async def _draft_article(self, request: Request, session: ConsoleSession) -> Response:
        assert self.parts.core is not None
        kb = self.parts.core.answerer.kb
        article_id = request.path_params["article"]
        segments, drafts = console_work.article_with_drafts(kb, article_id)
        article = kb.draft_articles.get(article_id) or kb.articles.get(article_id)
        if article is None:
            return self._refused(404, admin_texts.NO_ARTICLE)
        return self._html(
            "draft_article.html",
            **self._values(
                request, session, article=article, segments=segments, drafts=drafts, editable=console_work.EDITABLE
            ),
        )

    async def _edit_draft(self, request: Request, session: ConsoleSession, form: FormData) -> Response:
        assert self.parts.core is not None and self.parts.library is not None
        article, entry = request.path_params["article"], str(form.get("entry", ""))
        fields = {name: str(form.get(name)) for name in console_work.EDITABLE if form.get(name) is not None}
        reply = await console_work.edit_draft(self.parts.core, self.parts.library, session.curator, entry, fields)
        await self._audit_record(session, "edit-draft", article=article, entry=entry, result=reply.kind)
        return self._back(session, f"/admin/nhap/{article}", reply)

    async def _review(self, request: Request, session: ConsoleSession, form: FormData) -> Response:
        assert self.parts.core is not None and self.parts.library is not None
        article = request.path_params["article"]
        ids = [str(i) for i in form.getlist("entry")][:200]
        action = form.get("action")
        accept, force = action in ("accept", "force"), action == "force"
        if not ids:
            return self._back(session, f"/admin/nhap/{article}", admin_texts.NONE_CHOSEN)
        reply = await console_work.review(
            self.parts.core, self.parts.library, session.curator, article, ids, accept, force=force
        )
        done = ("accept-flagged" if force else "accept") if accept else "reject"
        await self._audit_record(session, done, article=article, entries=",".join(ids), result=reply.kind)
        still = any(d.article.id == article for d in self.parts.core.answerer.kb.drafts)
        return self._back(session, f"/admin/nhap/{article}" if still else "/admin/nhap", reply)

    # ------------------------------------------------------------ versions

    async def _versions(self, request: Request, session: ConsoleSession) -> Response:
        assert self.parts.library is not None
        history = await self.parts.library.history()
        return self._html("versions.html", **self._values(request, session, history=history))

    async def _diff(self, request: Request, session: ConsoleSession) -> Response:
        assert self.parts.library is not None
        try:
            older, newer = int(request.query_params["a"]), int(request.query_params["b"])
            report = await console_work.version_diff(self.parts.library, older, newer)
        except (KeyError, ValueError, LookupError):
            return self._refused(400, admin_texts.CHOOSE_TWO)
        except Exception:
            log.exception("Không so sánh được hai phiên bản")
            return self._refused(400, admin_texts.NO_DIFF)
        return self._html("diff.html", **self._values(request, session, older=older, newer=newer, report=report))

    async def _rollback(self, request: Request, session: ConsoleSession, form: FormData) -> Response:
        assert self.parts.core is not None and self.parts.library is not None
        number = str(form.get("number", ""))
        if not (number.isascii() and number.isdecimal() and len(number) <= 9):
            return self._back(session, "/admin/phien-ban", admin_texts.CHOOSE_VERSION)
        reply = await console_work.rollback(self.parts.core, self.parts.library, session.curator, int(number))
        await self._audit_record(session, "rollback", to=int(number), result=reply.kind)
        return self._back(session, "/admin/phien-ban", reply)

    async def _export(self, request: Request, session: ConsoleSession) -> Response:
        assert self.parts.library is not None
        try:
            number, archive = await self.parts.library.export(request.path_params["number"])
        except Exception:
            return self._refused(404, admin_texts.NO_VERSION)
        await self._audit_record(session, "export", number=number)
        headers = {
            "Content-Disposition": f'attachment; filename="knowledge-v{number}.zip"',
            "Cache-Control": "no-store",
        }
        return Response(archive, media_type="application/zip", headers=headers)

    # ------------------------------------------------------------ questions for the board

    async def _handoffs(self, request: Request, session: ConsoleSession) -> Response:
        assert self.parts.store is not None and self.parts.core is not None
        waiting = await self.parts.store.handoffs.waiting()
        kb = self.parts.core.answerer.kb
        articles = sorted(kb.articles.values(), key=lambda a: a.id)
        answered = [
            (h, console_work.supporting_sentences(kb, h.answer or ""))
            for h in await self.parts.store.handoffs.answered()
        ]
        return self._html(
            "handoffs.html", **self._values(request, session, waiting=waiting, articles=articles, answered=answered)
        )

    async def _draft_from_answer(self, request: Request, session: ConsoleSession, form: FormData) -> Response:
        assert self.parts.core is not None and self.parts.library is not None
        article, sentence = str(form.get("article", "")), str(form.get("sentence", ""))[:3000]
        reply = await console_work.draft_from_sentence(
            self.parts.core, self.parts.library, session.curator, article, sentence
        )
        await self._audit_record(session, "draft-from-answer", article=article, result=reply.kind)
        target = f"/admin/nhap/{article}" if reply.kind == "command" else "/admin/hoi-can-bo"
        return self._back(session, target, reply)

    async def _answer_handoff(self, request: Request, session: ConsoleSession, form: FormData) -> Response:
        assert self.parts.store is not None and self.parts.deliver is not None
        text = str(form.get("answer", "")).strip()[:3000]
        if not text:
            return self._back(session, "/admin/hoi-can-bo", admin_texts.NO_ANSWER)
        number = request.path_params["handoff"]
        if not 0 < number < 2**62:
            return self._refused(404, admin_texts.NO_HANDOFF)
        handoff = await self.parts.store.handoffs.answer(number, text, session.curator.user_hash)
        if handoff is None or handoff.chat_id is None:
            return self._back(session, "/admin/hoi-can-bo", admin_texts.ANSWERED_ALREADY)
        day = datetime.now(VIETNAM).strftime("%d/%m/%Y")
        message = Reply.say("command", chat_texts.board_answer(handoff.text, text, day))
        try:
            delivered = await asyncio.wait_for(
                self.parts.deliver(handoff.door, handoff.chat_id, message), DELIVERY_SECONDS
            )
        except TimeoutError:
            delivered = False
        if delivered:
            await self.parts.store.handoffs.delivered(handoff.id)
        else:
            await self.parts.store.handoffs.not_delivered(handoff.id)
        await self._audit_record(session, "handoff-answer", handoff=handoff.id, door=handoff.door, delivered=delivered)
        assert self.parts.core is not None
        supports = console_work.supporting_sentences(self.parts.core.answerer.kb, text)
        said = [
            admin_texts.delivered(handoff.door, delivered),
            *(admin_texts.as_entry(s.title, s.sentence, s.article_id) for s in supports),
        ]
        return self._back(session, "/admin/hoi-can-bo", "\n\n".join(said))

    # ------------------------------------------------------------ the audit log

    async def _audit(self, request: Request, session: ConsoleSession) -> Response:
        assert self.parts.store is not None
        entries = await self.parts.store.audit.recent(200)
        return self._html("audit.html", **self._values(request, session, entries=entries))


def _signature(session: ConsoleSession, said: str) -> str:
    return hmac.new(session.csrf.encode(), said.encode(), hashlib.sha256).hexdigest()[:24]
