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

// Focus follows the control a reader pressed into the answer that replaces it.
// A vote or pick disables its buttons while on its way, which drops focus to the
// page before htmx could keep it by id, so put it back here: on the control with
// the same id, or the same name and value, in the island's new content; or, when
// that control is gone (a vote taken back, a sign-up sent), on the island's status,
// the live region that says what happened.
const pressedControls = new WeakMap();

document.addEventListener("htmx:beforeRequest", (event) => {
  const control = document.activeElement;
  if (!isLoad(event) && control && event.detail.elt.contains(control)) {
    const place = control.parentElement.closest("[id]");
    pressedControls.set(event.detail.xhr, { control, place: place && place.id });
  }
});

function twinOf(control, place) {
  const same = control.id && document.getElementById(control.id);
  if (same || !place) {
    return same;
  }
  return Array.from(place.querySelectorAll(control.tagName)).find(
    (element) => element.name === control.name && element.value === control.value,
  );
}

document.addEventListener("htmx:afterRequest", (event) => {
  const pressed = pressedControls.get(event.detail.xhr);
  pressedControls.delete(event.detail.xhr);
  const focused = document.activeElement;
  // Focus still somewhere: htmx kept it, or the reader has moved on.
  if (!pressed || (focused && focused !== document.body)) {
    return;
  }
  const place = pressed.place && document.getElementById(pressed.place);
  const target = twinOf(pressed.control, place) || (place && place.querySelector("[role=status]"));
  if (target) {
    if (!target.hasAttribute("tabindex") && target.tabIndex < 0) {
      target.setAttribute("tabindex", "-1");
    }
    target.focus();
  }
});
