from django.apps import AppConfig


def _take_change_source(sender, history_instance, **kwargs):
    from reviews.models import take_source_current

    history_instance.source = take_source_current()
    # The take's row is locked by the write being recorded, so the record
    # before this one cannot change under it.
    before = (
        sender.objects.filter(id=history_instance.id)
        .order_by("-history_date", "-history_id")
        .values("score", "verdict")
        .first()
    )
    if before is not None:
        history_instance.before_score = before["score"]
        history_instance.before_verdict = before["verdict"]


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = "Panel reviews"

    def ready(self):
        from simple_history.signals import pre_create_historical_record

        from plumbing.pagecache import pages_follow

        take = self.get_model("PanelReview")
        pages_follow(take)
        # Where a change came from (admin, import, other): the block it was made in says.
        pre_create_historical_record.connect(
            _take_change_source, sender=take.history.model, dispatch_uid="take-change-source"
        )
