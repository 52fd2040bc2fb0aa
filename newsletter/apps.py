from django.apps import AppConfig


class NewsletterConfig(AppConfig):
    name = "newsletter"
    verbose_name = "Newsletter"

    def ready(self):
        from plumbing.pagecache import pages_follow

        # The archive shows sent issues; a send marks its issue sent by itself.
        pages_follow(self.get_model("DigestIssue"), self.get_model("DigestItem"))
