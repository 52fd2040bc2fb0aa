"""The browser fixtures themselves: a violation must fail a test, not pass unseen."""


def test_csp_violations_fail_the_test(new_page, page_problems, transactional_db):
    page = new_page()
    page.goto("/")
    page.evaluate(
        """() => {
            const script = document.createElement("script");
            script.textContent = "window.inlineRan = true";
            document.body.append(script);
            const image = document.createElement("img");
            image.src = "https://cdn.example/pixel.png";
            document.body.append(image);
        }"""
    )
    page.wait_for_timeout(300)
    assert page.evaluate("() => window.inlineRan") is None
    assert any("Content Security Policy" in problem for problem in page_problems)
    page_problems.clear()  # seen and asserted; the fixture checks the rest
