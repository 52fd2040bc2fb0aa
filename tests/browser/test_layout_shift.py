"""The islands arrive after the page into space kept for them: nothing on the page moves."""

import uuid

import pytest
from playwright.sync_api import expect

from tests.factories import CategoryFactory, PanelReviewFactory, ToolFactory
from votes import services

# Where each island and the page's last element sit, relative to the document.
BOXES = """(selectors) => Object.fromEntries(selectors.map((selector) => {
  const element = document.querySelector(selector);
  if (!element) { return [selector, null]; }
  const box = element.getBoundingClientRect();
  return [selector, [Math.round(box.top + window.scrollY), Math.round(box.height)]];
}))"""
# Layout shifts the browser saw in the viewport, as Cumulative Layout Shift counts them,
# each with what moved (its element's tag, id and class, and its boxes), to say why.
VIEWPORT_SHIFT = """() => new Promise((resolve) => {
  const shifts = [];
  const named = (node) => node && node.nodeType === 1
    ? `${node.tagName.toLowerCase()}#${node.id}.${node.className}` : String(node);
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.hadRecentInput) { continue; }
      // Whether it came while the page was still being parsed, or after.
      const parsed = Math.round(performance.getEntriesByType("navigation")[0].domInteractive);
      const moved = entry.sources.map((source) => [
        named(source.node), JSON.stringify(source.previousRect),
        JSON.stringify(source.currentRect),
      ]);
      shifts.push({value: entry.value, at: Math.round(entry.startTime), parsed, moved});
    }
  }).observe({type: "layout-shift", buffered: true});
  setTimeout(() => resolve(shifts), 200);
})"""
ISLANDS = {
    "/compare/relaykit-vs-batonette/": [
        "#vote-relaykit",
        "#vote-batonette",
        "#pick-island",
        ".bookmark-slot--relaykit",
    ],
    "/tools/relaykit/": ["#vote-relaykit", ".bookmark-slot--relaykit"],
    "/": [".bookmark-slot--relaykit"],
}
ON_EVERY_PAGE = ["#newsletter-island", "#bookmarks-panel-body", "footer"]


def boxes_before_and_after_the_islands(page, selectors, *, load, landed):
    """Where the islands' places sit while their answer is held back, and once it has landed."""
    held = []
    page.route("**/islands/?*", lambda route: held.append(route))
    load()
    for _ in range(500):
        if held:
            break
        page.wait_for_timeout(20)
    before = page.evaluate(BOXES, selectors)
    assert all(before.values()), before
    held[0].continue_()
    landed.wait_for()
    page.wait_for_load_state("networkidle")
    return before, page.evaluate(BOXES, selectors)


@pytest.fixture(params=["no votes yet", "votes and picks"])
def pair(request, transactional_db):
    category = CategoryFactory(name="Developer Tools")
    tools = []
    for name, slug in [("Relaykit", "relaykit"), ("Batonette", "batonette")]:
        tool = ToolFactory(name=name, slug=slug, category=category)
        PanelReviewFactory(tool=tool, persona="builder", score=80, verdict="ship")
        tools.append(tool)
    if request.param == "votes and picks":
        # Other readers': the band and the split bar show, the buttons stay unpressed.
        relay, baton = tools
        for value in ["ship"] * 7 + ["skip"] * 5:
            services.vote_cast(visitor=uuid.uuid4(), tool=relay, value=value)
        services.pick_cast(visitor=uuid.uuid4(), left=relay, right=baton, chosen=baton)


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("path", list(ISLANDS))
def test_nothing_moves_when_the_islands_load(new_page, pair, path, width):
    page = new_page(width=width, height=844 if width == 390 else 900)
    before, after = boxes_before_and_after_the_islands(
        page,
        ISLANDS[path] + ON_EVERY_PAGE,
        load=lambda: page.goto(path),
        landed=page.locator("#newsletter-island form"),
    )
    assert after == before, {key: (before[key], after[key]) for key in before}
    assert page.evaluate(VIEWPORT_SHIFT) == []


@pytest.mark.parametrize("width", [390, 1280])
def test_nothing_moves_for_a_reader_who_voted_and_picked(new_page, pair, width):
    page = new_page(width=width, height=844 if width == 390 else 900)
    path = "/compare/relaykit-vs-batonette/"
    page.goto(path)
    page.locator("#vote-relaykit").get_by_role("button", name="Skip").click()
    expect(page.locator("#vote-relaykit").get_by_text("You voted skip.")).to_be_visible()
    page.locator("#pick-island").get_by_role("button", name="Relaykit").click()
    expect(page.locator("#pick-island").get_by_text("You picked Relaykit.")).to_be_visible()

    before, after = boxes_before_and_after_the_islands(
        page,
        ISLANDS[path] + ON_EVERY_PAGE,
        load=page.reload,
        landed=page.locator("#vote-relaykit").get_by_text("You voted skip."),
    )
    assert after == before, {key: (before[key], after[key]) for key in before}


@pytest.mark.parametrize("width", [390, 768, 1280])
def test_the_first_tool_keeps_its_place_before_the_second_is_parsed(new_page, pair, width):
    # A slow connection or a busy machine paints the page while it is still parsing:
    # the first tool's card must already stand where it ends up.
    page = new_page(width=width, height=900)
    page.goto("/compare/relaykit-vs-batonette/")
    page.locator("#newsletter-island form").wait_for()
    first = page.locator(".sides > .side").first

    def place():
        # Its height follows the taller card: what comes below moves as the rest arrives.
        box = first.bounding_box()
        return box["x"], box["y"], box["width"]

    whole = place()
    page.evaluate("document.querySelector('.sides > .side:last-child').remove()")
    assert place() == whole
