from django.apps import AppConfig


def _take_change_source(sender, history_instance, **kwargs):
    from reviews.models import take_source_current

    history_instance.source = take_source_current()


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
