from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = "Panel reviews"

    def ready(self):
        from plumbing.pagecache import pages_follow

        pages_follow(self.get_model("PanelReview"))
