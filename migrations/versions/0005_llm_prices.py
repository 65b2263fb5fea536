"""LLM prices: USD per million prompt and completion tokens, per provider and model.

Seeded with list prices at the time of writing; operators update the rows.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22 06:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (provider, model, input USD per 1M tokens, output USD per 1M tokens)
SEED = [
    ("openai", "gpt-4o", 2.50, 10.00),
    ("openai", "gpt-4o-mini", 0.15, 0.60),
    ("openai", "gpt-4.1", 2.00, 8.00),
    ("openai", "gpt-4.1-mini", 0.40, 1.60),
    ("openai", "gpt-4.1-nano", 0.10, 0.40),
    ("openai", "o3-mini", 1.10, 4.40),
    ("scripted", "*", 0.0, 0.0),
]


def upgrade() -> None:
    prices = op.create_table(
        "llm_prices",
        sa.Column("provider", sa.String(length=64), nullable=False),
        sa.Column("model", sa.String(length=200), nullable=False),
        sa.Column("input_usd_per_million", sa.Double(), nullable=False),
        sa.Column("output_usd_per_million", sa.Double(), nullable=False),
        sa.Column(
            "update_time",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("provider", "model", name=op.f("pk_llm_prices")),
    )
    op.bulk_insert(
        prices,
        [
            {
                "provider": provider,
                "model": model,
                "input_usd_per_million": input_price,
                "output_usd_per_million": output_price,
            }
            for provider, model, input_price, output_price in SEED
        ],
    )


def downgrade() -> None:
    op.drop_table("llm_prices")
