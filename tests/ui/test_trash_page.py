"""View › Trash at 1280 × 800: what it says stays together, whether the trash is empty or
not."""

from __future__ import annotations

from ui.models.navigator_model import ENGAGEMENT


def show_trash(qtbot, window):
    window.resize(1280, 800)
    qtbot.waitUntil(lambda: window.size().width() == 1280)
    window.menu_actions.show_trash.trigger()
    page = window.area.trash_page
    qtbot.waitUntil(page.isVisible)
    return page


def test_an_empty_trash_says_so_at_the_top(qtbot, window):
    page = show_trash(qtbot, window)
    assert page.model.rowCount() == 0
    assert not page.view.isVisible()
    assert page.empty_label.isVisible() and page.empty_label.text() == "The trash is empty."
    heading, explanation, empty = (
        page.heading.geometry(),
        page.explanation.geometry(),
        page.empty_label.geometry(),
    )
    spacing = page.layout().spacing()
    # One after the other, no more than the layout's spacing between them …
    assert explanation.top() - heading.bottom() <= spacing + 1
    assert empty.top() - explanation.bottom() <= spacing + 1
    # … at the top of the page, not spread over its height.
    assert empty.bottom() < page.height() // 4
    # The buttons come right after them.
    assert page.restore_button.geometry().top() - empty.bottom() <= spacing + 1


def test_the_list_takes_the_height_when_the_trash_holds_something(qtbot, engagement_id, window):
    window.area.navigator.select(ENGAGEMENT, engagement_id)
    window.menu_actions.trash.trigger()
    page = show_trash(qtbot, window)
    assert page.model.rowCount() == 1
    assert page.view.isVisible() and not page.empty_label.isVisible()
    assert page.view.height() > page.height() // 2
    # The buttons below the list, at the foot of the page.
    assert page.height() - page.restore_button.geometry().bottom() < 30
