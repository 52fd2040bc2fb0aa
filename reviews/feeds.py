from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed


class NewestVerdictsFeed(Feed):
    feed_type = Atom1Feed
    title = "Newest verdicts"
    link = "/"

    def items(self):
        return []
