"""Ship or skip: the one vocabulary of the panel's takes and the community's votes."""

from django.db import models


class Verdict(models.TextChoices):
    SHIP = "ship", "Ship"
    SKIP = "skip", "Skip"
