"""Fill PostgreSQL with a large synthetic catalog, for the benchmark (bench/README.md).

    manage.py seed_synthetic --tools 10000 --votes 1000000 --bookmarks 100000 \\
        --subscribers 100000

Adds, beside whatever is there: 50 categories; tools with panels of 0 to 5
takes (scores spread, verdicts following them); votes and bookmarks skewed
toward a few popular tools, as real traffic is, with the counters to match;
confirmed subscribers and some waiting ones. Everything is generated inside
PostgreSQL (INSERT … SELECT over generate_series), so a million votes take
seconds. Its tools are named "Synth …" and its slugs start "synth-": running
it again first removes what an earlier run made.
"""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from newsletter.models import Delivery, Subscriber
from reviews.models import PanelReview, Persona
from tools.models import Category, Tool
from tools.services import category_counts_refresh, search_documents_refresh
from votes.models import Bookmark, ToolTally, Vote

CATEGORIES = 50
# Words the synthetic names and descriptions are drawn from, so searches match some.
WORDS = [
    "design",
    "review",
    "notes",
    "agent",
    "voice",
    "image",
    "search",
    "code",
    "data",
    "writing",
    "video",
    "meeting",
    "support",
    "sales",
    "research",
    "translate",
    "summary",
    "workflow",
    "docs",
    "testing",
]


class Command(BaseCommand):
    help = "Add a large synthetic catalog, votes, bookmarks and subscribers (PostgreSQL only)."

    def add_arguments(self, parser):
        parser.add_argument("--tools", type=int, default=10_000)
        parser.add_argument("--votes", type=int, default=1_000_000)
        parser.add_argument("--bookmarks", type=int, default=100_000)
        parser.add_argument("--subscribers", type=int, default=100_000)

    def handle(self, *args, tools, votes, bookmarks, subscribers, **options):
        if connection.vendor != "postgresql":
            raise CommandError("seed_synthetic generates its rows in PostgreSQL (DATABASE_URL).")
        started = time.monotonic()
        with transaction.atomic(), connection.cursor() as cursor:
            self.remove_earlier(cursor)
            self.step("categories", cursor, self.categories_sql(), [])
            self.step("tools", cursor, self.tools_sql(), [WORDS, tools])
            self.step("panel takes", cursor, self.takes_sql(), [Persona.values])
            self.step("panel numbers", cursor, self.panel_numbers_sql(), [])
            category_counts_refresh(category_ids=Category.objects.values_list("pk", flat=True))
            search_documents_refresh(Tool.objects.filter(slug__startswith="synth-"))
            self.step("votes", cursor, self.votes_sql(), [votes])
            self.step("vote counters", cursor, self.tallies_sql(), [])
            self.step("bookmarks", cursor, self.bookmarks_sql(), [bookmarks])
            self.step("subscribers", cursor, self.subscribers_sql(), [subscribers])
            cursor.execute("ANALYZE")
        self.stdout.write(self.style.SUCCESS(f"Done in {time.monotonic() - started:.0f} s."))

    def step(self, label, cursor, sql, params):
        began = time.monotonic()
        cursor.execute(sql, params)
        self.stdout.write(f"{cursor.rowcount:>10,} {label} ({time.monotonic() - began:.1f} s)")

    def remove_earlier(self, cursor):
        tools = Tool._meta.db_table
        for model in (Vote, Bookmark, ToolTally, PanelReview):
            cursor.execute(
                f"DELETE FROM {model._meta.db_table} WHERE tool_id IN "
                f"(SELECT id FROM {tools} WHERE slug LIKE 'synth-%%')"
            )
        cursor.execute(f"DELETE FROM {tools} WHERE slug LIKE 'synth-%%'")
        cursor.execute(f"DELETE FROM {Category._meta.db_table} WHERE slug LIKE 'synth-%%'")
        synthetic = f"SELECT id FROM {Subscriber._meta.db_table} WHERE email LIKE 'synth-%%'"
        deliveries = Delivery._meta.db_table
        cursor.execute(f"DELETE FROM {deliveries} WHERE subscriber_id IN ({synthetic})")
        cursor.execute(f"DELETE FROM {Subscriber._meta.db_table} WHERE id IN ({synthetic})")

    def categories_sql(self):
        return f"""
            INSERT INTO {Category._meta.db_table} (name, slug, description)
            SELECT 'Synth category ' || g, 'synth-category-' || g, 'Synthetic tools, group ' || g
            FROM generate_series(1, {CATEGORIES}) AS g
        """

    def tools_sql(self):
        # %s: the word list, then the count. Every 50th tool is a draft.
        return f"""
            WITH words AS (SELECT %s::text[] AS w),
            cats AS (
                SELECT id, row_number() OVER (ORDER BY id) - 1 AS n
                FROM {Category._meta.db_table} WHERE slug LIKE 'synth-%%'
            )
            INSERT INTO {Tool._meta.db_table}
                (name, slug, category_id, tagline, description, pricing, entry, website, logo,
                 is_published, created_at, updated_at)
            SELECT
                'Synth ' || initcap(w[1 + g %% 20]) || ' ' || g,
                'synth-' || w[1 + g %% 20] || '-' || g,
                cats.id,
                'Teams who need ' || w[1 + g %% 20] || ' and ' || w[1 + (g / 20) %% 20],
                'A synthetic tool for ' || w[1 + g %% 20] || ' work. It also helps with '
                    || w[1 + (g / 7) %% 20] || ' and ' || w[1 + (g / 3) %% 20] || '.',
                CASE g %% 3 WHEN 0 THEN 'Free' WHEN 1 THEN '$' || (g %% 90 + 9) || '/month'
                    ELSE 'Free and self-hosted' END,
                (ARRAY['free', 'paid', 'open-source'])[1 + g %% 3],
                'https://synth-' || g || '.example',
                '',
                g %% 50 <> 0,
                now() - (g || ' minutes')::interval,
                now() - (g || ' minutes')::interval
            FROM generate_series(1, %s) AS g
            CROSS JOIN words
            JOIN cats ON cats.n = g %% {CATEGORIES}
        """

    def takes_sql(self):
        # Tool i has (i mod 6) takes, in panel order; ship from a score of 60.
        return f"""
            WITH personas AS (
                SELECT p, ordinality AS n FROM unnest(%s::text[]) WITH ORDINALITY AS p
            )
            INSERT INTO {PanelReview._meta.db_table}
                (tool_id, persona, score, verdict, take, created_at, updated_at)
            SELECT t.id, personas.p, s.score,
                   CASE WHEN s.score >= 60 THEN 'ship' ELSE 'skip' END,
                   'A synthetic take by the ' || personas.p || ' on tool ' || t.id || '.',
                   t.created_at + (personas.n || ' hours')::interval,
                   t.created_at + (personas.n || ' hours')::interval
            FROM {Tool._meta.db_table} t
            JOIN personas ON personas.n <= t.id %% 6
            CROSS JOIN LATERAL (SELECT 20 + ((t.id * 37 + personas.n * 53) %% 80) AS score) s
            WHERE t.slug LIKE 'synth-%%'
        """

    def panel_numbers_sql(self):
        # What tools.services.panel_numbers_refresh stores, for all synthetic tools at once.
        return f"""
            UPDATE {Tool._meta.db_table} t
            SET take_count = n.takes, ship_count = n.ships, average_score = n.average,
                ship_share = n.ships::float / n.takes, panel_changed_at = n.newest
            FROM (
                SELECT tool_id, count(*) AS takes,
                       count(*) FILTER (WHERE verdict = 'ship') AS ships, avg(score) AS average,
                       max(updated_at) AS newest
                FROM {PanelReview._meta.db_table} GROUP BY tool_id
            ) n
            WHERE n.tool_id = t.id AND t.slug LIKE 'synth-%%'
        """

    def votes_sql(self):
        # A cubed uniform number puts most votes on the first few tools.
        return f"""
            WITH tools AS (
                SELECT id, row_number() OVER (ORDER BY id) - 1 AS n, count(*) OVER () AS total
                FROM {Tool._meta.db_table} WHERE slug LIKE 'synth-%%' AND is_published
            ),
            draws AS (
                SELECT g, floor(power(random(), 3) * (SELECT count(*) FROM tools))::int AS n
                FROM generate_series(1, %s) AS g
            )
            INSERT INTO {Vote._meta.db_table} (visitor, tool_id, value, created_at, updated_at)
            SELECT md5('synth-visitor-' || g)::uuid, tools.id,
                   CASE WHEN random() < 0.65 THEN 'ship' ELSE 'skip' END,
                   now() - (random() * interval '30 days'), now()
            FROM draws JOIN tools ON tools.n = draws.n
        """

    def tallies_sql(self):
        return f"""
            INSERT INTO {ToolTally._meta.db_table} (tool_id, ship_count, skip_count)
            SELECT tool_id, count(*) FILTER (WHERE value = 'ship'),
                   count(*) FILTER (WHERE value = 'skip')
            FROM {Vote._meta.db_table} v
            JOIN {Tool._meta.db_table} t ON t.id = v.tool_id AND t.slug LIKE 'synth-%%'
            GROUP BY tool_id
            ON CONFLICT (tool_id) DO UPDATE
                SET ship_count = EXCLUDED.ship_count, skip_count = EXCLUDED.skip_count
        """

    def bookmarks_sql(self):
        return f"""
            WITH tools AS (
                SELECT id, row_number() OVER (ORDER BY id) - 1 AS n
                FROM {Tool._meta.db_table} WHERE slug LIKE 'synth-%%' AND is_published
            ),
            draws AS (
                SELECT g, floor(power(random(), 2) * (SELECT count(*) FROM tools))::int AS n
                FROM generate_series(1, %s) AS g
            )
            INSERT INTO {Bookmark._meta.db_table} (visitor, tool_id, created_at)
            SELECT md5('synth-reader-' || g)::uuid, tools.id, now()
            FROM draws JOIN tools ON tools.n = draws.n
        """

    def subscribers_sql(self):
        # Nine in ten confirmed, the rest waiting for their link.
        return f"""
            INSERT INTO {Subscriber._meta.db_table}
                (email, status, source, unsubscribe_token, created_at, confirmation_sent_at,
                 confirmed_at)
            SELECT 'synth-' || g || '@example.com',
                   CASE WHEN g %% 10 = 0 THEN 'pending' ELSE 'confirmed' END,
                   '/', md5('synth-token-' || g) || md5('synth-token-2-' || g), now(), now(),
                   CASE WHEN g %% 10 = 0 THEN NULL ELSE now() END
            FROM generate_series(1, %s) AS g
        """
