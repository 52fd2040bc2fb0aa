import factory

from reports.models import Report, ReportReason
from reviews.models import PanelReview, Persona
from tools.models import Category, EntryTier, Tool
from tools.services import (
    category_counts_refresh,
    panel_numbers_refresh,
    search_documents_refresh,
)
from verdicts.vocabulary import Verdict


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")
    description = "Tools grouped for the tests."


class ToolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tool

    name = factory.Sequence(lambda n: f"Tool {n}")
    slug = factory.Sequence(lambda n: f"tool-{n}")
    category = factory.SubFactory(CategoryFactory)
    tagline = "Drafting release notes from merged pull requests"
    description = "A tool made up for the tests.\n\nIt has two paragraphs."
    pricing = "Free tier / $10 per month"
    entry = EntryTier.FREE
    website = "https://tool.example"
    is_published = True


class PanelReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PanelReview

    tool = factory.SubFactory(ToolFactory)
    persona = Persona.BUILDER
    score = 80
    verdict = Verdict.SHIP
    take = "Clean API, honest docs, and it does one job well."


def catalog_create(*, tools: int, categories: int = 3) -> list[Tool]:
    """A published catalog of `tools` tools spread over `categories`, each with a varied panel.

    Built with bulk_create so that query-count tests can afford 500 tools.
    """
    category_rows = [CategoryFactory() for _ in range(categories)]
    tool_rows = Tool.objects.bulk_create(
        ToolFactory.build(
            name=f"Bulk Tool {index:04d}",
            slug=f"bulk-tool-{index:04d}",
            category=category_rows[index % categories],
            entry=EntryTier.values[index % len(EntryTier.values)],
        )
        for index in range(tools)
    )
    personas = Persona.values
    PanelReview.objects.bulk_create(
        PanelReviewFactory.build(
            tool=tool,
            persona=persona,
            score=(index * 7 + offset * 13) % 101,
            verdict=Verdict.SHIP if (index + offset) % 3 else Verdict.SKIP,
        )
        for index, tool in enumerate(tool_rows)
        for offset, persona in enumerate(personas[: 1 + index % len(personas)])
    )
    # bulk_create sends no signals: store the panel numbers as the takes stand.
    panel_numbers_refresh(tool_ids=[tool.pk for tool in tool_rows])
    category_counts_refresh(category_ids=[category.pk for category in category_rows])
    search_documents_refresh(Tool.objects.filter(pk__in=[tool.pk for tool in tool_rows]))
    tool_rows = list(
        Tool.objects.filter(pk__in=[tool.pk for tool in tool_rows])
        .select_related("category")
        .order_by("pk")
    )
    return tool_rows


def vote_rate_limits(*, window: int, ip: int, visitor: int, new_visitor_votes: int = 20) -> dict:
    """settings.RATE_LIMITS with these limits on every vote, pick and bookmark."""
    limits = {
        action: {"window": window, "ip": ip, "visitor": visitor}
        for action in ("vote", "pick", "bookmark")
    }
    limits["vote-new-visitor"] = {"window": 60 * 60 * 24, "ip": new_visitor_votes}
    return limits


class ReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Report

    tool = factory.SubFactory(ToolFactory)
    reason = ReportReason.WRONG_PRICE
    text = "The paid plan costs $12 a month now."
