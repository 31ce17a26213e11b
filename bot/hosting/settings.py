"""Settings from the environment (and an optional .env), validated at start.

Every error names the environment variable it is about, so whoever hosts the
bot can fix it without reading code. The token is a secret: it is never
printed, and :func:`redact` keeps it out of every log line.
"""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from bot.channels.background import TYPING_AFTER_SECONDS
from bot.store.retention import DEFAULT_RETENTION_DAYS

_TOKEN_RE = re.compile(r"^\d+:[A-Za-z0-9_-]{20,}$")
_SECRET_RE = re.compile(r"^[A-Za-z0-9_-]{1,256}$")  # what Telegram accepts as secret_token
_ZALO_TOKEN_RE = re.compile(r"^[\x21-\x7e]{10,512}$")  # printable ASCII, no spaces: its shape is not documented
_ZALO_SECRET_RE = re.compile(r"^[A-Za-z0-9_-]{8,256}$")  # Zalo: 8-256 characters
_ZALO_ID_RE = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
_ORIGIN_RE = re.compile(r"^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?$")  # scheme://host[:port], no path
DOOR_TOKENS = ("TELEGRAM_BOT_TOKEN", "ZALO_BOT_TOKEN")


class SettingsError(Exception):
    """A setting is missing or malformed; the message names the variable."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore", case_sensitive=False)

    telegram_bot_token: SecretStr | None = None
    telegram_base_url: str | None = None
    admin_ids: Annotated[tuple[int, ...], NoDecode] = ()
    zalo_bot_token: SecretStr | None = None
    zalo_base_url: str = "https://bot-api.zaloplatforms.com"
    zalo_webhook_secret: SecretStr | None = None
    zalo_admin_ids: Annotated[tuple[str, ...], NoDecode] = ()
    knowledge_dir: Path = Path("knowledge")
    webhook_url: str | None = None
    webhook_secret: SecretStr | None = None
    port: int = Field(default=8080, ge=1, le=65535)
    # the address the web server listens on: all interfaces, as Procfile hosts route to $PORT;
    # 127.0.0.1 behind a reverse proxy on the same machine
    host: str = Field(default="0.0.0.0", min_length=1, max_length=253, pattern=r"^[0-9A-Za-z.:\-\[\]]+$")
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    # one user may send this many messages per window before being asked to slow down
    rate_limit_messages: int = Field(default=8, ge=1)
    rate_limit_seconds: float = Field(default=30.0, gt=0)
    # updates handled at once (each chat's own stay in order); the HTTP pool is sized for it
    max_concurrent_updates: int = Field(default=32, ge=1, le=1000)
    # on SIGTERM, how long accepted updates may take to finish (hosts kill after about 30 s)
    drain_seconds: float = Field(default=20.0, gt=0, le=28)
    poll_timeout: float = Field(default=10.0, ge=0, le=50)  # seconds of each long poll
    # how long a conversation's context (and its suggestion numbers) is kept after its last turn
    context_minutes: float = Field(default=30.0, gt=0, le=24 * 60)
    # where questions, feedback, conversation state and knowledge versions live (SQLite under data/ when unset)
    database_url: SecretStr | None = None
    question_retention_days: int = Field(default=DEFAULT_RETENTION_DAYS, ge=1, le=3650)
    knowledge_poll_seconds: float = Field(default=60.0, ge=5)  # replicas look for a newer version this often
    max_upload_mb: float = Field(default=5.0, gt=0, le=20)  # Telegram lets bots download 20 MB at most
    poll_interval: float = Field(default=0.0, ge=0)
    # a replica silent this long is taken for dead, and the updates it held go to another
    inbox_lease_seconds: float = Field(default=30.0, ge=1, le=600)
    # "typing…" is shown for an answer slower than this (0 = for every answer): most take milliseconds
    typing_after_seconds: float = Field(default=TYPING_AFTER_SECONDS, ge=0, le=10)
    # Telegram allows about 30 messages a second in all (429 Retry-After beyond); 0 = no limit of ours
    telegram_max_rate: float = Field(default=30.0, ge=0)
    # the web chat door: /chat, /widget.js and its JSON API on the same $PORT (on|off)
    web_chat: bool = False
    web_chat_title: str = Field(default="Hỏi đáp «Học tập và làm theo Bác»", min_length=1, max_length=80)
    web_chat_greeting: str = Field(
        default="Xin chào! Bạn muốn hỏi gì về việc học tập và làm theo Bác ở các huyện?",
        min_length=1,
        max_length=500,
    )
    # the sites (scheme://host[:port]) whose pages may embed the widget; the bot's own page always may
    web_allowed_origins: Annotated[tuple[str, ...], NoDecode] = ()
    # messages one client address may send to the web door per window, whatever conversations it opens
    web_address_limit_messages: int = Field(default=60, ge=1)
    web_address_limit_seconds: float = Field(default=60.0, gt=0)
    # the bot's public address, for the curators' console links (/web); WEBHOOK_URL's host when unset
    public_url: str | None = None
    admin_session_hours: float = Field(default=8.0, gt=0, le=24 * 7)  # a console session's lifetime

    @field_validator(
        "telegram_bot_token",
        "webhook_secret",
        "telegram_base_url",
        "webhook_url",
        "zalo_bot_token",
        "zalo_webhook_secret",
        "database_url",
        "public_url",
        mode="before",
    )
    @classmethod
    def _blank_is_unset(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("telegram_bot_token")
    @classmethod
    def _token_shape(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not _TOKEN_RE.match(value.get_secret_value().strip()):
            raise ValueError("không đúng dạng token của BotFather (<số>:<chuỗi ký tự>)")
        return SecretStr(value.get_secret_value().strip()) if value is not None else None

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _comma_separated(cls, value: object) -> object:
        if isinstance(value, int):
            return (value,)
        if isinstance(value, str):
            parts = [p.strip() for p in value.replace(";", ",").split(",") if p.strip()]
            bad = [p for p in parts if not re.fullmatch(r"-?\d+", p)]
            if bad:
                raise ValueError(f"phải là các số id Telegram cách nhau bởi dấu phẩy (sai: {', '.join(bad)})")
            return tuple(int(p) for p in parts)
        return value

    @field_validator("zalo_bot_token")
    @classmethod
    def _zalo_token_shape(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not _ZALO_TOKEN_RE.match(value.get_secret_value().strip()):
            raise ValueError("không đúng dạng token của Zalo Bot (chuỗi ký tự liền, không dấu cách)")
        return SecretStr(value.get_secret_value().strip()) if value is not None else None

    @field_validator("zalo_webhook_secret")
    @classmethod
    def _zalo_secret_shape(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not _ZALO_SECRET_RE.match(value.get_secret_value()):
            raise ValueError("chỉ gồm A-Z, a-z, 0-9, _ và -, dài 8-256 ký tự (quy định của Zalo)")
        return value

    @field_validator("zalo_admin_ids", mode="before")
    @classmethod
    def _zalo_ids(cls, value: object) -> object:
        if isinstance(value, str):
            parts = [p.strip() for p in value.replace(";", ",").split(",") if p.strip()]
            bad = [p for p in parts if not _ZALO_ID_RE.match(p)]
            if bad:
                raise ValueError(f"phải là các mã người dùng Zalo cách nhau bởi dấu phẩy (sai: {', '.join(bad)})")
            return tuple(parts)
        return value

    @field_validator("web_allowed_origins", mode="before")
    @classmethod
    def _origins(cls, value: object) -> object:
        if isinstance(value, str):
            parts = [p.strip().rstrip("/") for p in value.replace(";", ",").split(",") if p.strip()]
            bad = [p for p in parts if not _ORIGIN_RE.match(p)]
            if bad:
                raise ValueError(
                    "phải là các địa chỉ gốc dạng https://ten-mien[:cổng], không có đường dẫn, cách nhau "
                    f"bởi dấu phẩy (sai: {', '.join(bad)})"
                )
            return tuple(p.lower() for p in parts)
        return value

    @field_validator("telegram_base_url", "webhook_url", "zalo_base_url", "public_url")
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        if value is not None and not re.match(r"^https?://[^\s/]+", value.strip()):
            raise ValueError("phải là một địa chỉ http:// hoặc https://")
        return value.strip().rstrip("/") if value is not None else None

    @field_validator("webhook_secret")
    @classmethod
    def _secret_shape(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not _SECRET_RE.match(value.get_secret_value()):
            raise ValueError("chỉ gồm A-Z, a-z, 0-9, _ và -, dài 1-256 ký tự (quy định của Telegram)")
        return value

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value

    @model_validator(mode="after")
    def _webhook_needs_secret(self) -> Settings:
        if self.webhook_url and self.telegram_bot_token is not None and self.webhook_secret is None:
            raise ValueError("WEBHOOK_SECRET: bắt buộc khi đặt WEBHOOK_URL (để từ chối request giả mạo)")
        if self.webhook_url and self.zalo_bot_token is not None and self.zalo_webhook_secret is None:
            raise ValueError("ZALO_WEBHOOK_SECRET: bắt buộc khi đặt WEBHOOK_URL và ZALO_BOT_TOKEN (8-256 ký tự)")
        return self

    def require_a_door(self) -> None:
        """`run` serves every door whose token is set (and the web chat when WEB_CHAT=on), and
        refuses to start with none."""
        if self.telegram_bot_token is None and self.zalo_bot_token is None and not self.web_chat:
            raise SettingsError(
                "TELEGRAM_BOT_TOKEN, ZALO_BOT_TOKEN: chưa đặt token nào (Telegram: lấy từ @BotFather; "
                "Zalo: từ Zalo Bot Creator), và WEB_CHAT chưa bật, nên không có cửa nào để chạy"
            )

    @property
    def zalo_token(self) -> str:
        if self.zalo_bot_token is None:
            raise SettingsError("ZALO_BOT_TOKEN: chưa đặt")
        return self.zalo_bot_token.get_secret_value()

    @property
    def token(self) -> str:
        if self.telegram_bot_token is None:
            raise SettingsError("TELEGRAM_BOT_TOKEN: chưa đặt (lấy token từ @BotFather)")
        return self.telegram_bot_token.get_secret_value()

    @property
    def console_url(self) -> str | None:
        """Where the curators' console is: PUBLIC_URL, or the scheme and host of WEBHOOK_URL."""
        if self.public_url:
            return self.public_url
        if self.webhook_url:
            parts = urlsplit(self.webhook_url)
            return f"{parts.scheme}://{parts.netloc}"
        return None

    @property
    def webhook_mode(self) -> bool:
        return self.webhook_url is not None


def load_settings(**overrides: object) -> Settings:
    """Read and validate the settings, or raise SettingsError naming each bad variable."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        lines = []
        for err in exc.errors():
            name = ".".join(str(p) for p in err["loc"]).upper()
            message = str(err["msg"]).removeprefix("Value error, ")
            lines.append(f"{name}: {message}" if name else message)
        raise SettingsError("Cấu hình không hợp lệ:\n" + "\n".join(f"  - {line}" for line in lines)) from None


def token_configured() -> bool:
    """Is a chat token set (in the environment or .env)? Decides what `python -m bot` starts."""
    if any(os.environ.get(name, "").strip() for name in DOOR_TOKENS):
        return True
    env_file = Path(".env")
    if env_file.is_file():
        for line in env_file.read_text(encoding="utf-8", errors="replace").splitlines():
            key, _, value = line.partition("=")
            if key.strip().upper() in DOOR_TOKENS and value.strip().strip("'\""):
                return True
    return False


def _password(url: str) -> str:
    """The password in a database URL (it is a secret; the rest is not)."""
    match = re.match(r"^[a-z0-9+]+://[^:/@]*:([^@]*)@", url)
    return match.group(1) if match else ""


class RedactSecrets(logging.Filter):
    """Replaces secrets in every log record (httpx logs request URLs, which
    carry the bot token)."""

    def __init__(self, secrets: list[str]):
        super().__init__()
        self.secrets = [s for s in secrets if s]

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = message
        for secret in self.secrets:
            redacted = redacted.replace(secret, "[đã ẩn]")
        if redacted != message:
            record.msg = redacted
            record.args = ()
        return True


def setup_logging(settings: Settings) -> None:
    secrets = [
        settings.telegram_bot_token.get_secret_value() if settings.telegram_bot_token else "",
        settings.webhook_secret.get_secret_value() if settings.webhook_secret else "",
        settings.zalo_bot_token.get_secret_value() if settings.zalo_bot_token else "",
        settings.zalo_webhook_secret.get_secret_value() if settings.zalo_webhook_secret else "",
        _password(settings.database_url.get_secret_value()) if settings.database_url else "",
    ]
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactSecrets(secrets))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(settings.log_level)
    # request lines are noise at INFO, and they carry the token in the URL
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
