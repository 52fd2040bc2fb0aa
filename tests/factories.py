import factory

from reviews.models import PanelReview, Persona, Verdict
from tools.models import Category, EntryTier, Tool


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
