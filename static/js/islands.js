// The vote, pick and bookmark islands load in parallel after the page. A
// reader's first visit has no CSRF cookie yet, so each island's response may
// start its own, and only the last one set survives. Every htmx post
// therefore sends the token from the cookie as it is now, not the one its
// form was rendered with.
document.addEventListener("htmx:configRequest", (event) => {
  if (event.detail.verb === "get") {
    return;
  }
  const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
  if (match) {
    event.detail.parameters["csrfmiddlewaretoken"] = decodeURIComponent(match[1]);
  }
});
