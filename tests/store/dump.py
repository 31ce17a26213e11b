"""Every row of every table, for tests that look for what must not be stored."""

from __future__ import annotations

from sqlalchemy import MetaData, select
from sqlalchemy.ext.asyncio import AsyncEngine


async def dump_all_rows(engine: AsyncEngine) -> dict[str, list[tuple[object, ...]]]:
    async with engine.connect() as connection:
        metadata = MetaData()
        await connection.run_sync(metadata.reflect)  # the tables actually there, not just the models'
        return {
            name: [tuple(row) for row in (await connection.execute(select(table))).all()]
            for name, table in metadata.tables.items()
        }


def as_text(rows: dict[str, list[tuple[object, ...]]]) -> str:
    parts: list[str] = []
    for table, values in rows.items():
        for row in values:
            for value in row:
                parts.append(value.decode("latin-1") if isinstance(value, bytes) else str(value))
        parts.append(table)
    return "\n".join(parts)
