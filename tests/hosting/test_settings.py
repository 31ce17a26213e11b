from __future__ import annotations

import logging
from pathlib import Path

import pytest

from bot.hosting.settings import RedactSecrets, SettingsError, load_settings, token_configured
from bot.store import DEFAULT_RETENTION_DAYS

TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"
ALL_VARS = (
    "TELEGRAM_BOT_TOKEN",
    "TELEGRAM_BASE_URL",
    "ADMIN_IDS",
    "KNOWLEDGE_DIR",
    "WEBHOOK_URL",
    "WEBHOOK_SECRET",
    "PORT",
    "LOG_LEVEL",
    "ZALO_BOT_TOKEN",
    "ZALO_BASE_URL",
    "ZALO_WEBHOOK_SECRET",
    "ZALO_ADMIN_IDS",
    "QUESTION_RETENTION_DAYS",
)


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in ALL_VARS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)  # no .env from the developer's checkout


def test_defaults_and_values(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
    monkeypatch.setenv("ADMIN_IDS", "111, 222;333")
    monkeypatch.setenv("TELEGRAM_BASE_URL", "http://127.0.0.1:9000/bot/")
    monkeypatch.setenv("LOG_LEVEL", "debug")
    settings = load_settings()
    assert settings.token == TOKEN
    assert settings.admin_ids == (111, 222, 333)
    assert settings.telegram_base_url == "http://127.0.0.1:9000/bot"
    assert settings.knowledge_dir == Path("knowledge")
    assert settings.port == 8080 and settings.log_level == "DEBUG"
    assert settings.host == "0.0.0.0"  # all interfaces, as Procfile hosts route to $PORT
    assert not settings.webhook_mode


def test_the_listening_address_is_a_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.hosting.runner import Runtime

    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
    monkeypatch.setenv("HOST", "127.0.0.1")
    settings = load_settings()
    assert settings.host == "127.0.0.1"
    assert Runtime(settings, webhook=False, doors=lambda _: []).host == "127.0.0.1"


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("TELEGRAM_BOT_TOKEN", "not-a-token"),
        ("ADMIN_IDS", "12,abc"),
        ("PORT", "eighty"),
        ("PORT", "70000"),
        ("TELEGRAM_BASE_URL", "ftp://example.org"),
        ("WEBHOOK_URL", "example.org/hook"),
        ("LOG_LEVEL", "LOUD"),
        ("WEBHOOK_SECRET", "has spaces!"),
        ("HOST", "0.0.0.0; rm -rf /"),
    ],
)
def test_malformed_value_names_the_variable(monkeypatch: pytest.MonkeyPatch, name: str, value: str) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(SettingsError) as caught:
        load_settings()
    assert name in str(caught.value)
    if name == "TELEGRAM_BOT_TOKEN":
        assert value not in str(caught.value)  # a secret is never echoed


def test_question_retention_defaults_to_180_days_and_reads_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    assert DEFAULT_RETENTION_DAYS == 180
    assert load_settings().question_retention_days == 180
    monkeypatch.setenv("QUESTION_RETENTION_DAYS", " 30 ")
    assert load_settings().question_retention_days == 30
    for bad in ("0", "-5", "abc", "1.5", "3651"):
        monkeypatch.setenv("QUESTION_RETENTION_DAYS", bad)
        with pytest.raises(SettingsError, match="QUESTION_RETENTION_DAYS"):
            load_settings()


def test_webhook_needs_a_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WEBHOOK_URL", "https://bot.example.org")
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
    with pytest.raises(SettingsError) as caught:
        load_settings()
    assert "WEBHOOK_SECRET" in str(caught.value)
    monkeypatch.setenv("WEBHOOK_SECRET", "s3cret_value-1")
    assert load_settings().webhook_mode


def test_missing_token_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = load_settings()
    with pytest.raises(SettingsError, match="TELEGRAM_BOT_TOKEN"):
        _ = settings.token


def test_dotenv_is_read(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text(f"TELEGRAM_BOT_TOKEN={TOKEN}\nADMIN_IDS=42\n", encoding="utf-8")
    assert token_configured()
    assert load_settings().admin_ids == (42,)


def test_token_configured(monkeypatch: pytest.MonkeyPatch) -> None:
    assert not token_configured()
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "  ")
    assert not token_configured()
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
    assert token_configured()
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN")
    monkeypatch.setenv("ZALO_BOT_TOKEN", "3541284772:zalo-token-abcdef")
    assert token_configured()


def test_zalo_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZALO_BOT_TOKEN", "3541284772:zalo-token-abcdef")
    monkeypatch.setenv("ZALO_ADMIN_IDS", "a1b2c3, 7f00ee")
    settings = load_settings()
    assert settings.zalo_admin_ids == ("a1b2c3", "7f00ee") and settings.zalo_token.startswith("3541284772:")
    settings.require_a_door()  # Zalo alone is a door
    monkeypatch.setenv("ZALO_ADMIN_IDS", "ok, not an id")
    with pytest.raises(SettingsError, match="ZALO_ADMIN_IDS"):
        load_settings()
    monkeypatch.setenv("ZALO_ADMIN_IDS", "ok")
    monkeypatch.setenv("ZALO_BASE_URL", "ftp://x")
    with pytest.raises(SettingsError, match="ZALO_BASE_URL"):
        load_settings()


def test_run_refuses_to_start_with_no_door() -> None:
    with pytest.raises(SettingsError, match="ZALO_BOT_TOKEN"):
        load_settings().require_a_door()


def test_secrets_never_reach_the_log(caplog: pytest.LogCaptureFixture) -> None:
    logger = logging.getLogger("test.redact")
    handler_filter = RedactSecrets([TOKEN])
    logger.addFilter(handler_filter)
    with caplog.at_level(logging.INFO, logger="test.redact"):
        logger.info("HTTP Request: POST https://api.telegram.org/bot%s/getMe", TOKEN)
    assert TOKEN not in caplog.text and "[đã ẩn]" in caplog.text
