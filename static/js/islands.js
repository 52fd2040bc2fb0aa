// The islands arrive in one request after the page (base.html). A reader's
// first visit has no CSRF cookie yet, so that answer, or a later refresh of
// one island, may start a new one. Every htmx post therefore sends the token
// from the cookie as it is now, not the one its form was rendered with.
document.addEventListener("htmx:configRequest", (event) => {
  if (event.detail.verb === "get") {
    return;
  }
  const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
  if (match) {
    event.detail.parameters["csrfmiddlewaretoken"] = decodeURIComponent(match[1]);
  }
});

// For the same reason a post waits while island loads are still on their way:
// each may yet set a new CSRF cookie, and a post sent before it lands would
// carry the token of the cookie it replaces (a 403 on a first visit).
let islandLoads = 0;
const afterIslandLoads = [];

function isLoad(event) {
  return event.detail.requestConfig && event.detail.requestConfig.verb === "get";
}

document.addEventListener("htmx:beforeRequest", (event) => {
  if (isLoad(event)) {
    islandLoads += 1;
  }
});

document.addEventListener("htmx:afterRequest", (event) => {
  if (isLoad(event)) {
    islandLoads = Math.max(0, islandLoads - 1);
    if (islandLoads === 0) {
      afterIslandLoads.splice(0).forEach((send) => send());
    }
  }
});

document.addEventListener("htmx:confirm", (event) => {
  if (event.detail.verb === "get" || islandLoads === 0) {
    return;
  }
  event.preventDefault();
  afterIslandLoads.push(() => event.detail.issueRequest(true));
});
