from django.apps import AppConfig


class ToolsConfig(AppConfig):
    name = "tools"
    verbose_name = "Catalog"

    def ready(self):
        from plumbing.pagecache import pages_follow

        pages_follow(
            self.get_model("Tool"),
            self.get_model("Category"),
            self.get_model("FeaturedComparison"),
        )
