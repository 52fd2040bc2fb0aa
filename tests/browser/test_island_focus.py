"""Islands pressed from the keyboard: focus stays on the pressed control, or moves to the
status that says what happened, and every number the vote moves on the page follows it."""

from django.core import mail
from playwright.sync_api import expect

COMPARE = "/compare/relaykit-vs-batonette/"


def press(page, locator, key):
    """Focus a control and press it from the keyboard (Enter or Space)."""
    locator.focus()
    expect(locator).to_be_focused()
    page.keyboard.press(key)


def focus_lands_on(page, selector):
    """Wait for the answer: focus on the element `selector` names, never on the page body."""
    page.wait_for_function(
        "(selector) => document.activeElement && document.activeElement.matches(selector)",
        arg=selector,
        timeout=3_000,
    )
    assert page.evaluate("document.activeElement !== document.body")


def live_region_says(page, place, text):
    """A polite live region in `place` holds `text`."""
    region = page.locator(f"{place} [role=status], {place} [aria-live=polite]")
    expect(region.filter(has_text=text)).to_have_count(1)


def islands_landed(page):
    """The page's island answer is in (the sign-up form arrives with it)."""
    expect(page.locator("#newsletter-island form")).to_be_visible()


def test_a_keyboard_vote_change_and_withdrawal_keep_focus_and_say_so(new_page, pair):
    page = new_page()
    page.goto(COMPARE)
    islands_landed(page)
    island = page.locator("#vote-relaykit")

    press(page, island.get_by_role("button", name="Ship"), "Enter")
    focus_lands_on(page, '#vote-relaykit button[name=vote][value=ship][aria-pressed="true"]')
    live_region_says(page, "#vote-relaykit", "You voted ship.")

    press(page, island.get_by_role("button", name="Skip"), "Space")
    focus_lands_on(page, '#vote-relaykit button[name=vote][value=skip][aria-pressed="true"]')
    live_region_says(page, "#vote-relaykit", "You voted skip.")

    # The pressed button is gone with the vote: focus moves to the status.
    press(page, island.get_by_role("button", name="Take back my vote"), "Enter")
    focus_lands_on(page, "#vote-relaykit [role=status][tabindex='-1']")
    live_region_says(page, "#vote-relaykit", "You took back your vote.")
    expect(island.get_by_text("No community votes yet")).to_be_visible()


def test_a_keyboard_pick_and_take_back_keep_focus_and_say_so(new_page, pair):
    page = new_page(width=390, height=844)
    page.goto(COMPARE)
    islands_landed(page)
    island = page.locator("#pick-island")

    press(page, island.get_by_role("button", name="Batonette"), "Enter")
    focus_lands_on(page, '#pick-island button[name=pick][value=batonette][aria-pressed="true"]')
    live_region_says(page, "#pick-island", "You picked Batonette.")

    press(page, island.get_by_role("button", name="Relaykit"), "Space")
    focus_lands_on(page, '#pick-island button[name=pick][value=relaykit][aria-pressed="true"]')
    live_region_says(page, "#pick-island", "You picked Relaykit.")

    press(page, island.get_by_role("button", name="Take back my pick"), "Enter")
    focus_lands_on(page, "#pick-island [role=status][tabindex='-1']")
    live_region_says(page, "#pick-island", "You took back your pick.")
    expect(island.get_by_text("No picks yet")).to_be_visible()


def test_a_keyboard_bookmark_toggle_keeps_focus_and_says_so(new_page, pair):
    page = new_page()
    page.goto("/tools/relaykit/")
    islands_landed(page)
    slot = page.locator(".bookmark-slot--relaykit")

    press(page, slot.get_by_role("button", name="Bookmark"), "Enter")
    focus_lands_on(page, '#bookmark-button-relaykit[aria-pressed="true"]')
    live_region_says(page, ".bookmark-slot--relaykit", "Relaykit is bookmarked.")
    expect(
        page.locator("#bookmarks-panel-body").get_by_role("link", name="Relaykit")
    ).to_be_visible()

    press(page, slot.get_by_role("button", name="Bookmarked"), "Space")
    focus_lands_on(page, '#bookmark-button-relaykit[aria-pressed="false"]')
    live_region_says(page, ".bookmark-slot--relaykit", "Relaykit is no longer bookmarked.")


def test_a_keyboard_sign_up_keeps_focus_on_a_mistake_and_moves_it_to_the_news(
    new_page, pair, settings
):
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    page = new_page()
    page.goto("/tools/relaykit/")
    islands_landed(page)
    block = page.locator("#newsletter-island")

    # A mistake sent from the button: the form comes back, focus on its button.
    press(page, block.get_by_role("button", name="Sign up"), "Enter")
    expect(block.get_by_text("Enter your email address.")).to_be_visible()
    focus_lands_on(page, "#newsletter-island button[type=submit]")

    field = block.get_by_label("Email address")
    field.fill("reader@example.com")
    press(page, field, "Enter")
    # The form is gone: focus on the news, a live region.
    focus_lands_on(page, "#newsletter-island [role=status]")
    live_region_says(page, "#newsletter-island", "Check your inbox.")
    assert [message.to for message in mail.outbox] == [["reader@example.com"]]


def test_a_vote_on_the_tool_page_updates_its_header_numbers(new_page, pair):
    page = new_page()
    page.goto("/tools/relaykit/")
    islands_landed(page)
    header = page.locator("#community-header-relaykit")
    expect(header).to_have_text("No community votes yet")
    page.evaluate("window.notReloaded = true")

    press(page, page.locator("#vote-relaykit").get_by_role("button", name="Skip"), "Enter")
    expect(header).to_have_text("0% ship · 1 vote early")
    press(page, page.locator("#vote-relaykit").get_by_role("button", name="Ship"), "Enter")
    expect(header).to_have_text("100% ship · 1 vote early")
    press(page, page.get_by_role("button", name="Take back my vote"), "Enter")
    expect(header).to_have_text("No community votes yet")
    assert page.evaluate("window.notReloaded") is True


def test_a_vote_on_the_compare_page_updates_its_card_and_decision_table(new_page, pair):
    page = new_page()
    page.goto(COMPARE)
    islands_landed(page)
    card, row = page.locator("#community-card-batonette"), page.locator("#community-row-batonette")
    expect(card).to_have_text("—")
    expect(row).to_have_text("No community votes yet")
    page.evaluate("window.notReloaded = true")

    press(page, page.locator("#vote-batonette").get_by_role("button", name="Skip"), "Enter")
    expect(card).to_have_text("0% ship · 1 vote early")
    expect(row).to_have_text("0% ship · 1 vote early")
    # The other tool's numbers stay as they were.
    expect(page.locator("#community-row-relaykit")).to_have_text("No community votes yet")
    assert page.evaluate("window.notReloaded") is True


def test_a_vote_on_the_vote_page_swaps_nothing_it_does_not_have(new_page, pair):
    # Its `next` is the tool page, whose header the vote page lacks: an out-of-band
    # part with no place is a console error, which fails the test.
    page = new_page()
    page.goto("/votes/tools/relaykit/?next=/tools/relaykit/")
    islands_landed(page)
    press(page, page.get_by_role("button", name="Ship"), "Enter")
    focus_lands_on(page, '#vote-relaykit button[value=ship][aria-pressed="true"]')
    live_region_says(page, "#vote-relaykit", "You voted ship.")
